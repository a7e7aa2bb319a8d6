// One declared key against what KMS shows: the decision for that key. Pure and total: a key the
// planner cannot handle becomes `blocked` with a reason, never an exception.

import type {
  Action,
  BlockedReason,
  DesiredKey,
  KeyPlan,
  Observation,
  ObservedKey,
  ObservedPolicy,
  PlannedWarning,
  RotationPolicy,
} from "../model/index.js";
import { observedPolicy, stateBlock } from "./observed-policy.js";
import { rulesFor, type Support } from "./rules.js";
import { manualDueAt } from "./schedule.js";
import { decideSigning } from "./signing-decision.js";
import { versionCapWarning } from "./warnings.js";

const NONE: Action = { kind: "none" };
const OFF: ObservedPolicy = { mode: "off" };

export function planKey(desired: DesiredKey, observation: Observation, now: Date): KeyPlan {
  if (observation.found === "unknown") {
    return entry(desired, undefined, { kind: "error", error: observation.error }, []);
  }
  if (!observation.found) {
    // KMS's read said the key is not there: its words, not the planner's, are the reason.
    const reason = { code: observation.code, message: observation.message };
    return entry(desired, undefined, { kind: "blocked", reason }, []);
  }
  const key = observation.key;
  const before = observedPolicy(key);
  const decided = decideKey(desired, key, before, now.getTime());
  return entry(desired, { key, before }, decided.action, decided.warnings);
}

/**
 * A key's plan entry, its fields always in this order. One object literal (no spread of a shared head
 * object): on Node 20, `{ ...head, more }` gives every entry a hidden class of its own, some 300 bytes a key.
 */
function entry(
  desired: DesiredKey,
  found: { readonly key: ObservedKey; readonly before: ObservedPolicy } | undefined,
  action: Action,
  warnings: readonly PlannedWarning[],
): KeyPlan {
  const key = found?.key;
  return {
    key: desired.key,
    region: desired.region,
    ...(desired.account === undefined ? {} : { account: desired.account }),
    after: desired.rotation,
    ...(desired.signing === undefined ? {} : { signing: desired.signing }),
    source: desired.source,
    ...(found === undefined ? {} : { keyId: found.key.keyId, before: sharedPolicy(found.before) }),
    action: sharedAction(action),
    ...(key !== undefined && desired.rotation.mode === "manual"
      ? { lastRotationDate: key.lastRotationDate ?? key.creationDate, versionCount: key.versionCount }
      : {}),
    warnings: warnings.length === 0 ? NO_WARNINGS : warnings,
  };
}

// A plan holds a policy, an action and a warning list per key, nearly all alike (a fleet has a few
// intervals): one object each for the common ones, not one per key (100,000 keys: some 10 MB). Entries
// are never changed once made, so sharing is safe; distinct values beyond a few hundred are not kept.
const NO_WARNINGS: readonly PlannedWarning[] = Object.freeze([]);
const CREATE_VERSION: Action = { kind: "create-key-version" };
const alike = new Map<string, Action | ObservedPolicy>();
const MAX_ALIKE = 512;

function shared<T extends Action | ObservedPolicy>(id: string, value: T): T {
  const known = alike.get(id);
  if (known !== undefined) return known as T;
  if (alike.size < MAX_ALIKE) alike.set(id, value);
  return value;
}

function sharedPolicy(policy: ObservedPolicy): ObservedPolicy {
  if (policy.mode === "off") return OFF;
  return shared(`policy ${policy.interval} ${policy.suspended === true}`, policy);
}

function sharedAction(action: Action): Action {
  if (action.kind === "create-key-version") return CREATE_VERSION;
  if (action.kind !== "update-rotation-policy") return action;
  return shared(`update ${action.enable} ${action.interval}`, action);
}

interface Decision {
  readonly action: Action;
  readonly warnings: PlannedWarning[];
}

/** A signing key's lifecycle first (promotion, a version held back), then its rotation rules. */
function decideKey(desired: DesiredKey, key: ObservedKey, before: ObservedPolicy, now: number): Decision {
  if (desired.signing !== undefined && desired.rotation.mode === "manual") {
    const signing = decideSigning(key, desired.signing, now);
    if (signing.decided && signing.action.kind === "promote-version") {
      // Once promoted, the manual rules decide the key: say now that a version falls due right after.
      const then = decide(desired.rotation, key, before, now).action;
      if (then.kind !== "create-key-version") return signing;
      const due = { code: "VersionDueAfterPromotion" as const, keyVersionId: signing.action.keyVersionId };
      return { ...signing, warnings: [...signing.warnings, due] };
    }
    if (signing.decided) return signing;
  }
  return decide(desired.rotation, key, before, now);
}

function decide(after: RotationPolicy, key: ObservedKey, before: ObservedPolicy, now: number): Decision {
  const rules = rulesFor(key);
  switch (after.mode) {
    case "automatic":
      return decideAutomatic(after.interval, key, before, rules.automatic);
    case "off":
      return decideOff(key, before, rules.automatic);
    case "manual":
      // Automatic rotation we could turn off is in the way of manual rotation; any other is the service's.
      return decideManual(after.interval, key, rules.automatic.supported ? before : OFF, now, rules.manual);
    default:
      return after satisfies never;
  }
}

function decideAutomatic(
  interval: number,
  key: ObservedKey,
  before: ObservedPolicy,
  support: Support,
): Decision {
  // A key is blocked only when it needs a change that cannot be made: a match is a match.
  if (before.mode === "automatic" && before.interval === interval) {
    return { action: NONE, warnings: before.suspended ? [suspendedWarning(key)] : [] };
  }
  if (!support.supported) return { action: blocked(support.reason), warnings: [] };
  if (
    interval < support.minInterval ||
    (support.maxInterval !== undefined && interval > support.maxInterval)
  ) {
    const { minInterval: min, maxInterval: max = interval, scope } = support;
    return {
      action: blocked({ code: "AutomaticRotationUnsupported", interval, min, max, scope }),
      warnings: [],
    };
  }
  return changeRotation(key, { kind: "update-rotation-policy", enable: true, interval });
}

function decideOff(key: ObservedKey, before: ObservedPolicy, support: Support): Decision {
  if (before.mode === "off") return { action: NONE, warnings: [] };
  // Rotation the service runs on a key it does not let us configure cannot be turned off by us either.
  if (!support.supported) return { action: blocked(support.reason), warnings: [] };
  return changeRotation(key, { kind: "update-rotation-policy", enable: false });
}

function changeRotation(key: ObservedKey, action: Action): Decision {
  const state = stateBlock(key);
  return state ? { action: blocked(state), warnings: [] } : { action, warnings: [] };
}

function decideManual(
  interval: number,
  key: ObservedKey,
  before: ObservedPolicy,
  now: number,
  support: Support & { readonly versionCap?: number },
): Decision {
  if (!support.supported) return { action: blocked(support.reason), warnings: [] };
  const due = isDue(interval, key, now, support.minInterval);
  // A key in a software KMS instance may rotate automatically too: mode manual means versions come from
  // CreateKeyVersion alone, so automatic rotation goes off first (apply then makes a due version).
  if (before.mode === "automatic") return manualOverAutomatic(key, before.interval, due);
  const cap = support.versionCap;
  const warnings = cap === undefined ? [] : versionCapWarning(key, interval, now, cap, support.minInterval);
  if (!due) return { action: NONE, warnings };
  const state = stateBlock(key);
  if (state) return { action: blocked(state), warnings };
  if (cap !== undefined && key.versionCount !== undefined && key.versionCount >= cap) {
    const reason = { code: "VersionCapReached", versionCount: key.versionCount, cap } as const;
    return { action: blocked(reason), warnings: [] };
  }
  return { action: { kind: "create-key-version" }, warnings };
}

function manualOverAutomatic(key: ObservedKey, automaticInterval: number, due: boolean): Decision {
  const decision = changeRotation(key, { kind: "update-rotation-policy", enable: false });
  if (decision.action.kind === "blocked") return decision;
  return {
    action: decision.action,
    warnings: [{ code: "AutomaticTurnedOff", interval: automaticInterval, due }],
  };
}

function isDue(interval: number, key: ObservedKey, now: number, minInterval: number): boolean {
  // Never sooner than the service's minimum, whatever interval a caller passes in (schedule.ts).
  const dueAt = manualDueAt(key, interval, minInterval);
  return Number.isFinite(dueAt) && now >= dueAt;
}

/**
 * Whether planning this key needs its version count (ListKeyVersions): only a manual key whose new
 * version is due and can be made, where the count decides create-key-version or VersionCapReached.
 */
export function needsVersionCount(rotation: RotationPolicy, key: ObservedKey, now: Date): boolean {
  if (rotation.mode !== "manual") return false;
  // A signing key's versions were all listed: its count is known.
  if (key.signing !== undefined) return false;
  const support = rulesFor(key).manual;
  if (!support.supported || support.versionCap === undefined || stateBlock(key)) return false;
  // A key still rotating automatically gets that turned off first; its count is read after that write.
  if (rulesFor(key).automatic.supported && observedPolicy(key).mode === "automatic") return false;
  return isDue(rotation.interval, key, now.getTime(), support.minInterval);
}

function blocked(reason: BlockedReason): Action {
  return { kind: "blocked", reason };
}

function suspendedWarning(key: ObservedKey): PlannedWarning {
  return { code: "RotationSuspended", state: key.keyState };
}
