// applyConfig: what `kms-rotation apply` does, as one call: plan (or load a saved plan and check that
// no key has changed since), ask `confirm`, then make each change.

import { applyPlan } from "../apply/execute.js";
import type { ApplyResult, Diagnostic, Plan } from "../model/index.js";
import { isPlanFile } from "../plan-file/index.js";
import type { RunOptions } from "./options.js";
import { openSavedPlan } from "./saved-plan.js";
import { kmsFailure, openSession } from "./session.js";

export interface ApplyConfigOptions extends RunOptions {
  /**
   * Called with the plan before any write when there is something to change; resolve false to change
   * nothing. Without it, applyConfig applies at once (as `--auto-approve`).
   */
  readonly confirm?: (plan: Plan) => Promise<boolean> | boolean;
  /** Called with the plan as soon as it is made or loaded, before confirm: to show it. */
  readonly onPlan?: (plan: Plan) => void;
}

export interface ApplyOutcome {
  readonly plan?: Plan;
  /** What was done per key; absent when nothing was attempted (invalid input, stale plan, declined). */
  readonly result?: ApplyResult;
  /** True when confirm answered no. */
  readonly declined?: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Makes KMS match a config file, or runs a saved plan (a path to `plan --out` output) after checking
 * that no key has changed since it was planned. Each write is preceded by a fresh read of its key.
 *
 * @example
 * ```ts
 * import { applyConfig } from "kms-rotation";
 * const { result, diagnostics } = await applyConfig("kms.yaml", {
 *   confirm: (plan) => plan.summary.changes < 50,
 * });
 * if (result?.verdict !== "succeeded") console.error(diagnostics, result?.summary);
 * ```
 */
export async function applyConfig(path: string, options: ApplyConfigOptions = {}): Promise<ApplyOutcome> {
  const opened = (await isPlanFile(path))
    ? await openSavedPlan(path, options)
    : await openSession(path, options, { moveLocalClock: true });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const { plan, connection, concurrency } = opened.ok;
  try {
    options.onPlan?.(plan);
    const changes = plan.summary.changes > 0;
    if (changes && options.confirm && !(await options.confirm(plan))) {
      return { plan, declined: true, diagnostics: [] };
    }
    const result = await applyPlan(plan, connection.kmsFor, {
      now: connection.now,
      ...(changes ? { concurrency, signal: options.signal, onEvent: options.onEvent } : {}),
    });
    return { plan, result, diagnostics: [] };
  } catch (error) {
    return { plan, diagnostics: [kmsFailure(error as Error) as Diagnostic] };
  } finally {
    await connection.close();
  }
}
