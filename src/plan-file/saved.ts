// The saved plan (`plan --out`) as a JSON value: the plan's JSON plus the config path, the provider it
// was planned against (never credentials) and a fingerprint of each key as it was when planned.

import { type PlanJson, planToJson } from "../contract/plan-json.js";
import { fingerprintOf, type Observation, type ObservedFingerprint, type Plan } from "../model/index.js";

/** The parts of a saved plan beyond the plan itself. */
export interface SavedPlanParts {
  /** The config file's path as the user gave it. */
  readonly config: string;
  /** The provider the plan was made against (never credentials). */
  readonly provider: unknown;
  /** Index in `plan.keys` -> that key's fingerprint; keys KMS did not find have none. */
  readonly observed: ReadonlyMap<number, ObservedFingerprint>;
}

/** Each found key's fingerprint, by its index in the plan. */
export function fingerprints(observations: readonly Observation[]): Map<number, ObservedFingerprint> {
  const result = new Map<number, ObservedFingerprint>();
  observations.forEach((o, i) => {
    if (o.found === true) result.set(i, fingerprintOf(o.key));
  });
  return result;
}

export function savedPlanToJson(plan: Plan, saved: SavedPlanParts): PlanJson {
  const json = planToJson(plan);
  const keys = json.keys.map((key, index) => {
    const observed = saved.observed.get(index);
    return observed ? { ...key, observed: fingerprintOf(observed) } : key;
  });
  return { ...json, keys, saved: { config: saved.config, provider: saved.provider } };
}

/** The saved-plan parts of a plan file; undefined for a plain `plan --format json` output. */
export function savedPartsFromJson(value: unknown): SavedPlanParts | undefined {
  const json = value as PlanJson;
  if (json.saved === undefined) return undefined;
  const observed = new Map<number, ObservedFingerprint>();
  json.keys.forEach((k, index) => {
    if (k.observed !== undefined) observed.set(index, fingerprintOf(k.observed));
  });
  return { config: json.saved.config, provider: json.saved.provider, observed };
}
