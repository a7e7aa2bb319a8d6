// planConfig: what `kms-rotation plan` does, as one call (and planRun, its form that keeps less when nothing is saved).

import {
  type Diagnostic,
  fingerprintOf,
  type Observation,
  type ObservedFingerprint,
  type Plan,
} from "../model/index.js";
import type { SavedPlanParts } from "../plan-file/index.js";
import { readErrors } from "./kms-failures.js";
import { type RunOptions, resolveOptions } from "./options.js";
import { openPlan } from "./session.js";

export interface PlanOutcome {
  /** The plan; absent when the config is invalid or KMS could not be read (see diagnostics). */
  readonly plan?: Plan;
  /** What `plan --out` saves beside the plan: the config path, the provider, each key's fingerprint. */
  readonly saved?: SavedPlanParts;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads the config at `path`, reads every declared key from KMS and returns what apply would change.
 * Changes nothing. Invalid configs and unreadable keys come back as diagnostics, never thrown.
 *
 * @example
 * ```ts
 * import { planConfig } from "kms-rotation";
 * const { plan, diagnostics } = await planConfig("examples/quickstart.yaml");
 * for (const key of plan?.keys ?? []) console.log(key.key, key.action.kind);
 * ```
 */
export async function planConfig(path: string, options: RunOptions = {}): Promise<PlanOutcome> {
  return planRun(path, options, true);
}

/**
 * planConfig; with `saving` false, nothing `savePlan` needs is kept and `saved` is absent: a plan that is
 * only shown (`plan` without `--out`) holds no fingerprints, some 300 bytes a key.
 */
export async function planRun(path: string, options: RunOptions, saving: boolean): Promise<PlanOutcome> {
  const run = resolveOptions(options);
  const kept: (ObservedFingerprint | undefined)[] = [];
  const keep = (index: number, observation: Observation) => {
    if (observation.found === true) kept[index] = fingerprintOf(observation.key);
  };
  const mode = { moveLocalClock: false, enforcePolicy: true };
  const opened = await openPlan(path, run, mode, saving ? keep : undefined);
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  await session.connection.close();
  // A key that could not be read is an `error` entry in the plan, and an error here.
  const diagnostics = readErrors(session.plan);
  if (!saving) return { plan: session.plan, diagnostics };
  const { endpoint } = run;
  const observed = new Map<number, ObservedFingerprint>();
  kept.forEach((fingerprint, index) => {
    if (fingerprint) observed.set(index, fingerprint);
  });
  const saved: SavedPlanParts = {
    config: session.config.file,
    provider: { ...session.config.provider, ...(endpoint ? { endpoint } : {}) },
    observed,
  };
  return { plan: session.plan, saved, diagnostics };
}
