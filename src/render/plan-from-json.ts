// A plan file back into the model: intervals to seconds, the action rebuilt from `action` and `after`.
// The value must already have passed validatePlanJson; this does not re-check it.

import { parseDuration } from "../model/duration.js";
import type { Action, KeyPlan, ObservedPolicy, Plan } from "../model/plan.js";
import type { RotationPolicy } from "../model/policy.js";
import type { ObservedPolicyJson, PolicyJson } from "./describe.js";
import {
  fingerprintOf,
  type KeyPlanJson,
  type ObservedFingerprint,
  type PlanJson,
  type SavedPlanParts,
} from "./plan-json.js";

export function planFromJson(value: unknown): Plan {
  const json = value as PlanJson;
  const { changes, blocked, unchanged } = json.summary;
  return {
    formatVersion: 1,
    now: json.now,
    summary: { changes, blocked, unchanged },
    keys: json.keys.map(keyFromJson),
  };
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

function keyFromJson(json: KeyPlanJson): KeyPlan {
  const after = policyFromJson(json.after);
  return {
    key: json.key,
    region: json.region,
    ...(json.keyId !== undefined ? { keyId: json.keyId } : {}),
    action: actionFromJson(json, after),
    ...(json.before !== undefined ? { before: observedFromJson(json.before) } : {}),
    after,
    ...(json.lastRotationDate !== undefined ? { lastRotationDate: json.lastRotationDate } : {}),
    ...(json.versionCount !== undefined ? { versionCount: json.versionCount } : {}),
    warnings: json.warnings ? [...json.warnings] : [],
  };
}

function actionFromJson(json: KeyPlanJson, after: RotationPolicy): Action {
  switch (json.action) {
    case "none":
      return { kind: "none" };
    case "create-key-version":
      return { kind: "create-key-version" };
    case "update-rotation-policy":
      return after.mode === "automatic"
        ? { kind: "update-rotation-policy", enable: true, interval: after.interval }
        : { kind: "update-rotation-policy", enable: false };
    case "blocked": {
      const reason = json.reason as NonNullable<KeyPlanJson["reason"]>;
      return { kind: "blocked", reason: { code: reason.code, message: reason.message } };
    }
    default:
      return json.action satisfies never;
  }
}

function policyFromJson(json: PolicyJson): RotationPolicy {
  return json.mode === "off" ? { mode: "off" } : { mode: json.mode, interval: seconds(json.interval) };
}

function observedFromJson(json: ObservedPolicyJson): ObservedPolicy {
  if (json.mode === "off") return { mode: "off" };
  const interval = seconds(json.interval);
  return json.suspended ? { mode: "automatic", interval, suspended: true } : { mode: "automatic", interval };
}

function seconds(interval: string): number {
  const parsed = parseDuration(interval);
  // The schema's pattern admits only what parseDuration reads; anything else is a caller's bug.
  if (parsed === undefined) throw new Error(`plan file: invalid interval ${JSON.stringify(interval)}`);
  return parsed;
}
