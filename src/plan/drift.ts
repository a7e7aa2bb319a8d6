// Drift: for each declared key, whether its rotation is happening as the file says. Derived from the
// plan (what apply would do) and the key's state, so plan and drift can never disagree.

import type {
  DriftEntry,
  DriftReason,
  DriftReport,
  KeyPlan,
  Observation,
  ObservedKey,
} from "../model/index.js";
import { observedPolicy, stateBlock } from "./observed-policy.js";

export function driftEntry(kp: KeyPlan, observation: Observation): DriftEntry {
  const account = kp.account === undefined ? {} : { account: kp.account };
  const base = { key: kp.key, region: kp.region, ...account, expected: kp.after };
  if (observation.found === "unknown") {
    return { ...base, status: "error", reason: observation.error };
  }
  if (!observation.found) {
    return { ...base, status: "missing", reason: { code: observation.code, message: observation.message } };
  }
  const key = observation.key;
  const seen = {
    ...base,
    keyId: key.keyId,
    actual: observedPolicy(key),
    ...(kp.after.mode === "manual" ? { lastRotationDate: key.lastRotationDate ?? key.creationDate } : {}),
  };
  switch (kp.action.kind) {
    case "update-rotation-policy":
      return { ...seen, status: "drifted" };
    case "create-key-version":
      return { ...seen, status: "due", reason: dueReason(kp) };
    case "promote-version":
      return {
        ...seen,
        status: "due",
        reason: { code: "PromotionDue", keyVersionId: kp.action.keyVersionId },
      };
    case "blocked":
      return { ...seen, status: "blocked", reason: kp.action.reason };
    case "error":
      return { ...seen, status: "error", reason: kp.action.error };
    case "none":
      return notRotating(kp, key)
        ? { ...seen, status: "blocked", reason: stateBlock(key) }
        : { ...seen, status: "in-sync" };
    default:
      return kp.action satisfies never;
  }
}

/** Settings match, but the declared rotation cannot happen while the key is not Enabled. */
function notRotating(kp: KeyPlan, key: ObservedKey): boolean {
  return kp.after.mode !== "off" && stateBlock(key) !== undefined;
}

function dueReason(kp: KeyPlan): DriftReason {
  const since = kp.lastRotationDate;
  return since ? { code: "RotationDue", lastRotationDate: since } : { code: "RotationDue" };
}

export function driftReport(entries: readonly DriftEntry[], now: string): DriftReport {
  return { formatVersion: 1, now, inSync: entries.every((e) => e.status === "in-sync"), keys: entries };
}
