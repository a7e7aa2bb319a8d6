// Saving a plan made by planConfig: the refusal of a plan apply would refuse (keys unread, one key named
// twice) lives here, so a library caller saving a plan cannot skip it.

import { type Diagnostic, diagnostic, type Plan } from "../model/index.js";
import { repeatedKeys, type SavedPlanParts, writePlanFile } from "../plan-file/index.js";

/** Why `plan` may not be saved to `out`; undefined when it may. */
export function planSaveRefusal(plan: Plan, out: string): Diagnostic | undefined {
  // A key that could not be read is an error entry (and a diagnostic); a plan holding one is not saved.
  if (plan.summary.errors > 0) {
    const message = `not saving the plan to ${out}: ${plan.summary.errors} of its keys could not be read`;
    return diagnostic("error", "plan-file", message);
  }
  // One key declared twice (by alias and by KeyId) would be written twice, and apply refuses such a plan.
  const twice = repeatedKeys(plan);
  if (twice.length === 0) return undefined;
  const details = twice.map(
    (r) => `${r.again.key} is ${r.first.key} again (${r.again.keyId ?? r.again.key} in ${r.again.region})`,
  );
  const message = `not saving the plan to ${out}: it names one key twice; declare each once:`;
  return diagnostic("error", "plan-file", message, { details });
}

/**
 * Writes a plan from planConfig to `out` (relative to `cwd`), owner-only, unless it is one apply would
 * refuse; returns the reason it was not written, or undefined when it was.
 *
 * @example
 * ```ts
 * import { planConfig, savePlan } from "kms-rotation";
 * const { plan, saved } = await planConfig("kms.yaml");
 * if (plan && saved) console.log((await savePlan("plan.json", plan, saved))?.message ?? "saved");
 * ```
 */
export async function savePlan(
  out: string,
  plan: Plan,
  saved: SavedPlanParts,
  cwd: string = process.cwd(),
): Promise<Diagnostic | undefined> {
  const refusal = planSaveRefusal(plan, out);
  if (refusal) return refusal;
  const problem = await writePlanFile(out, plan, saved, cwd);
  return problem ? diagnostic("error", "write", problem.message) : undefined;
}
