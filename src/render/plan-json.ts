// The plan as the contract's JSON (section 6) and back: `plan --format json`, and the saved plan file
// (`plan --out`), which adds the config path, the provider and what each key looked like when planned.

import { fingerprintOf, type ObservedFingerprint } from "../model/fingerprint.js";
import type { Action, KeyPlan, Plan, Reason } from "../model/plan.js";

export { fingerprintOf, type ObservedFingerprint };

import { type ObservedPolicyJson, observedToJson, type PolicyJson, policyToJson } from "./describe.js";

/** The parts of a saved plan beyond the plan itself. */
export interface SavedPlanParts {
  /** The config file's path as the user gave it. */
  readonly config: string;
  /** The provider the plan was made against (never credentials). */
  readonly provider: unknown;
  /** Index in `plan.keys` -> that key's fingerprint; keys KMS did not find have none. */
  readonly observed: ReadonlyMap<number, ObservedFingerprint>;
}

export interface KeyPlanJson {
  key: string;
  keyId?: string;
  region: string;
  action: Action["kind"];
  before?: ObservedPolicyJson;
  after: PolicyJson;
  reason?: Reason;
  lastRotationDate?: string;
  versionCount?: number;
  warnings?: string[];
  observed?: ObservedFingerprint;
}

export interface PlanJson {
  formatVersion: 1;
  now: string;
  summary: { changes: number; blocked: number; unchanged: number };
  keys: KeyPlanJson[];
  saved?: { config: string; provider: unknown };
}

export function planToJson(plan: Plan, saved?: SavedPlanParts): PlanJson {
  const keys = plan.keys.map((entry, index) => {
    const json = keyPlanToJson(entry);
    const observed = saved?.observed.get(index);
    return observed ? { ...json, observed: fingerprintOf(observed) } : json;
  });
  const { changes, blocked, unchanged } = plan.summary;
  const json: PlanJson = { formatVersion: 1, now: plan.now, summary: { changes, blocked, unchanged }, keys };
  return saved ? { ...json, saved: { config: saved.config, provider: saved.provider } } : json;
}

function keyPlanToJson(entry: KeyPlan): KeyPlanJson {
  const action = entry.action;
  return {
    key: entry.key,
    ...(entry.keyId !== undefined ? { keyId: entry.keyId } : {}),
    region: entry.region,
    action: action.kind,
    ...(entry.before !== undefined ? { before: observedToJson(entry.before) } : {}),
    after: policyToJson(entry.after),
    ...(action.kind === "blocked"
      ? { reason: { code: action.reason.code, message: action.reason.message } }
      : {}),
    ...(entry.lastRotationDate !== undefined ? { lastRotationDate: entry.lastRotationDate } : {}),
    ...(entry.versionCount !== undefined ? { versionCount: entry.versionCount } : {}),
    ...(entry.warnings.length > 0 ? { warnings: [...entry.warnings] } : {}),
  };
}
