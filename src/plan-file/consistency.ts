// A saved plan is shown for approval and then run: each key's saved action must be what the planner
// decides from the plan's own record of the key (its fingerprint), its `after` and its `now`, so that a
// hand-edited plan cannot show one change and make another. Pure: no KMS call is needed to check it.

import {
  type Action,
  DESCRIPTIVE_FIELDS,
  type DesiredKey,
  formatDuration,
  type KeyPlan,
  type Observation,
  type ObservedFingerprint,
  type ObservedKey,
  type ObservedPolicy,
  type Plan,
  signingOfFingerprint,
} from "../model/index.js";
import { observedPolicy, planKey } from "../plan/index.js";
import { intervalProblem } from "../words/interval-text.js";

/** One line per key whose saved entry disagrees with itself, naming the key; empty when all agree. */
export function inconsistentKeys(plan: Plan, observed: ReadonlyMap<number, ObservedFingerprint>): string[] {
  const now = new Date(plan.now);
  return plan.keys.flatMap((kp, index) => {
    const why = keyProblem(kp, observed.get(index), now);
    return why === undefined ? [] : [`${kp.key} (${kp.region}): ${why}`];
  });
}

function keyProblem(
  kp: KeyPlan,
  fingerprint: ObservedFingerprint | undefined,
  now: Date,
): string | undefined {
  if (kp.after.mode !== "off") {
    const problem = intervalProblem(kp.after.mode, formatDuration(kp.after.interval), kp.after.interval);
    if (problem) return `after: ${problem}`;
  }
  if (!fingerprint) return missingKeyProblem(kp, now);
  if (kp.keyId !== fingerprint.keyId)
    return `keyId ${kp.keyId ?? "(none)"} is not the recorded key ${fingerprint.keyId}`;
  const before = observedPolicy(asObserved(fingerprint, kp.region));
  if (!samePolicy(kp.before, before))
    return `before is ${policyText(kp.before)} but the recorded key has ${policyText(before)}`;
  if (recordsPlannerInputs(fingerprint)) {
    const observation: Observation = { found: true, key: asObserved(fingerprint, kp.region) };
    const decide = (at: Date) => planKey(desiredOf(kp), observation, at).action;
    const expected = decide(now);
    // `now` is written to the second: the planner decided at some instant within the second after it.
    const ok =
      sameDecision(kp.action, expected) || sameDecision(kp.action, decide(new Date(now.getTime() + 999)));
    return ok ? undefined : mismatch(kp.action, expected);
  }
  // A plan too old to record what the planner needs: the action must at least fit before and after.
  return fits(kp.action, before, kp) ? undefined : `action ${kp.action.kind} does not fit before and after`;
}

/** A key with no fingerprint was not found when planned: blocked as KeyNotFound or AliasNotFound. */
function missingKeyProblem(kp: KeyPlan, now: Date): string | undefined {
  const code = kp.action.kind === "blocked" ? kp.action.reason.code : undefined;
  if (code !== "KeyNotFound" && code !== "AliasNotFound") {
    return `action ${label(kp.action)} but the plan records no key (it was not found when planned)`;
  }
  if (kp.keyId !== undefined || kp.before !== undefined) return "a key not found cannot have keyId or before";
  const observation: Observation = { found: false, code, message: "" };
  return sameDecision(kp.action, planKey(desiredOf(kp), observation, now).action)
    ? undefined
    : `action ${label(kp.action)} is not what the planner decides`;
}

/** Plans made before the descriptive fields were recorded cannot be decided again. */
function recordsPlannerInputs(f: ObservedFingerprint): boolean {
  return DESCRIPTIVE_FIELDS.every((field) => field === "dkmsInstanceId" || f[field] !== undefined);
}

function desiredOf(kp: KeyPlan): DesiredKey {
  return {
    key: kp.key,
    ref: { kind: "id", keyId: kp.keyId ?? kp.key },
    region: kp.region,
    ...(kp.account === undefined ? {} : { account: kp.account }),
    rotation: kp.after,
    ...(kp.signing === undefined ? {} : { signing: kp.signing }),
  };
}

function asObserved(f: ObservedFingerprint, region: string): ObservedKey {
  const { signingVersions: _v, activeVersion: _a, activeSince: _s, ...rest } = f;
  const signing = signingOfFingerprint(f);
  return {
    ...rest,
    ...(signing === undefined ? {} : { signing }),
    arn: "",
    region,
    keyUsage: f.keyUsage ?? "",
    keySpec: f.keySpec ?? "",
    origin: f.origin ?? "",
    protectionLevel: f.protectionLevel ?? "",
    creatorType: f.creatorType ?? "User",
    creationDate: f.creationDate ?? "",
  };
}

function sameDecision(saved: Action, expected: Action): boolean {
  if (saved.kind !== expected.kind) return false;
  // The reason's words are for people; its code is the decision.
  return (
    saved.kind !== "blocked" || expected.kind !== "blocked" || saved.reason.code === expected.reason.code
  );
}

function mismatch(saved: Action, expected: Action): string {
  return `saved action ${label(saved)}, but the plan's own record of the key and its after give ${label(expected)}`;
}

function label(action: Action): string {
  return action.kind === "blocked" ? `blocked (${action.reason.code})` : action.kind;
}

/** Without the planner's inputs: none only when before already is after, a change only when it is not. */
function fits(action: Action, before: ObservedPolicy, kp: KeyPlan): boolean {
  const after = kp.after;
  const matches =
    after.mode === "off"
      ? before.mode === "off"
      : after.mode === "automatic" && before.mode === "automatic" && before.interval === after.interval;
  switch (action.kind) {
    case "none":
      return matches || after.mode === "manual";
    case "update-rotation-policy":
      return !matches && (after.mode !== "manual" || before.mode === "automatic");
    case "create-key-version":
    case "promote-version":
      return after.mode === "manual";
    case "blocked":
      return true;
    case "error":
      return false;
    default:
      return action satisfies never;
  }
}

function samePolicy(a: ObservedPolicy | undefined, b: ObservedPolicy): boolean {
  if (a === undefined || a.mode !== b.mode) return false;
  if (a.mode === "off" || b.mode === "off") return true;
  return a.interval === b.interval && Boolean(a.suspended) === Boolean(b.suspended);
}

function policyText(p: ObservedPolicy | undefined): string {
  if (p === undefined) return "missing";
  return p.mode === "off"
    ? "off"
    : `automatic ${formatDuration(p.interval)}${p.suspended ? " (suspended)" : ""}`;
}
