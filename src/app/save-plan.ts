// Saving a plan made by planConfig, as `plan --out` does: a plan apply would refuse (keys unread, one key
// named twice) is refused with a diagnostic. writePlanFile refuses it too, so no library caller skips it.

import { type Diagnostic, diagnostic, type Plan } from "../model/index.js";
import { type SavedPlanParts, saveRefusal, writePlanFile } from "../plan-file/index.js";

/** Why `plan` may not be saved to `out` (plan-file's saveRefusal) as a diagnostic; undefined when it may. */
export function planSaveRefusal(plan: Plan, out: string): Diagnostic | undefined {
  const refused = saveRefusal(plan, out);
  if (!refused) return undefined;
  return diagnostic(
    "error",
    "plan-file",
    refused.message,
    refused.details ? { details: refused.details } : {},
  );
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
