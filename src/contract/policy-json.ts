// Policies in the contract's JSON shape (`after`, `before`, `expected`, `actual`): `90d` outside,
// seconds inside. Shared by the plan file, the JSON views and `render`, which reads them back.

import { formatDuration, parseDuration } from "../model/duration.js";
import type { ObservedPolicy } from "../model/plan.js";
import type { RotationPolicy } from "../model/policy.js";

/** `{ mode: "off" }` or `{ mode, interval: "90d" }`: the contract's shape for `after` and `expected`. */
export type PolicyJson = { mode: "off" } | { mode: "automatic" | "manual"; interval: string };

/** The contract's shape for `before` and `actual`; `suspended` only when KMS reports Suspended. */
export type ObservedPolicyJson = { mode: "off" } | { mode: "automatic"; interval: string; suspended?: true };

export function policyToJson(policy: RotationPolicy): PolicyJson {
  return policy.mode === "off"
    ? { mode: "off" }
    : { mode: policy.mode, interval: formatDuration(policy.interval) };
}

export function observedToJson(policy: ObservedPolicy): ObservedPolicyJson {
  if (policy.mode === "off") return { mode: "off" };
  const json: ObservedPolicyJson = { mode: "automatic", interval: formatDuration(policy.interval) };
  return policy.suspended ? { ...json, suspended: true } : json;
}

export function policyFromJson(json: PolicyJson): RotationPolicy {
  return json.mode === "off" ? { mode: "off" } : { mode: json.mode, interval: jsonSeconds(json.interval) };
}

export function observedFromJson(json: ObservedPolicyJson): ObservedPolicy {
  if (json.mode === "off") return { mode: "off" };
  const interval = jsonSeconds(json.interval);
  return json.suspended ? { mode: "automatic", interval, suspended: true } : { mode: "automatic", interval };
}

function jsonSeconds(interval: string): number {
  const parsed = parseDuration(interval);
  // The schemas' pattern admits only what parseDuration reads; anything else is a caller's bug.
  if (parsed === undefined) throw new Error(`invalid interval ${JSON.stringify(interval)}`);
  return parsed;
}
