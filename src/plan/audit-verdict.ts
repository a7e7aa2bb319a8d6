// An audit verdict from a key's facts: whether it rotates (automatically, by hand, or young enough), what
// that breaks of the policy, and an exception that covers it. Keys that cannot rotate are never counted
// against the policy.

import {
  type AuditReason,
  type AuditRotation,
  type AuditStall,
  type CompliancePolicy,
  isExceptionLive,
  type ObservedKey,
  type Verdict,
} from "../model/index.js";
import { type ActiveEvidence, type AuditSubject, atCap } from "./audit-evidence.js";
import { rulesFor } from "./rules.js";

/** Whether the key rotates, as far as KMS and the file show, and every how long (seconds). */
type Rotating =
  | { readonly rotating: true; readonly interval?: number; readonly how: AuditRotation }
  | { readonly rotating: false; readonly why: AuditStall };

/** The verdict and its reasons, judging the key by `age` (its current or its active version's). */
export function judge(
  subject: AuditSubject,
  key: ObservedKey,
  policy: CompliancePolicy,
  now: Date,
  age: number | null,
  slack = 0,
  active?: ActiveEvidence,
): { verdict: Verdict; reasons: AuditReason[] } {
  const rules = rulesFor(key);
  if (!rules.automatic.supported && !rules.manual.supported) {
    return { verdict: "not-applicable", reasons: [{ code: "CannotRotate", reason: rules.automatic.reason }] };
  }
  if (key.keyState !== "Enabled") {
    return { verdict: "not-applicable", reasons: [{ code: "NotInUse", state: key.keyState }] };
  }
  const rotation = rotatingOf(subject, key, policy, age, slack);
  // A stale active version says it all; a version that is merely old says nothing more than that.
  const stale = signingBreaches(subject, active);
  const breaches =
    stale.length > 0
      ? [...stale, ...(rotation.rotating ? breachesOf(rotation, policy) : [])]
      : breachesOf(rotation, policy);
  if (breaches.length === 0) {
    return {
      verdict: "compliant",
      reasons: [
        rotation.rotating
          ? { code: "Rotates", rotation: rotation.how }
          : { code: "RotationNotRequired", stall: rotation.why },
      ],
    };
  }
  const exception = subject.exception;
  if (exception && isExceptionLive(exception, now)) {
    return {
      verdict: "exempt",
      reasons: [...breaches, { code: "Exempt", expires: exception.expires, reason: exception.reason }],
    };
  }
  const expired: AuditReason[] = exception ? [{ code: "ExceptionExpired", expires: exception.expires }] : [];
  return { verdict: "non-compliant", reasons: [...breaches, ...expired] };
}

function rotatingOf(
  subject: AuditSubject,
  key: ObservedKey,
  policy: CompliancePolicy,
  age: number | null,
  slack = 0,
): Rotating {
  if (key.automaticRotation === "Enabled" && key.rotationInterval !== undefined) {
    const interval = key.rotationInterval;
    return { rotating: true, interval, how: { how: "automatic", interval } };
  }
  const manual = rulesFor(key).manual;
  const declared = subject.declared;
  if (manual.supported && declared?.mode === "manual") {
    const interval = declared.interval;
    const every = Math.max(interval, manual.minInterval) + slack;
    const active = subject.signing === undefined ? {} : { active: true as const };
    if (age !== null && age < every) {
      return { rotating: true, interval, how: { how: "manual", interval, age, ...active } };
    }
    const cap = atCap(key);
    const capped = cap === undefined ? {} : { cap: { versionCount: key.versionCount, cap } };
    return { rotating: false, why: { why: "overdue", interval, age, ...capped, ...active } };
  }
  // A key the file does not declare is judged by the age of its current version alone.
  if (
    manual.supported &&
    declared === undefined &&
    policy.maxInterval !== undefined &&
    age !== null &&
    age < policy.maxInterval
  ) {
    return { rotating: true, how: { how: "young", age, maxInterval: policy.maxInterval } };
  }
  if (rulesFor(key).automatic.supported) return { rotating: false, why: { why: "automatic-disabled" } };
  const why: AuditStall = declared
    ? { why: "declared-without-versions", mode: declared.mode }
    : { why: "undeclared", age };
  return { rotating: false, why };
}

/** A signing key with no active version, or one older than interval + publishAhead. */
function signingBreaches(subject: AuditSubject, active: ActiveEvidence | undefined): AuditReason[] {
  if (active === undefined || subject.declared?.mode !== "manual" || subject.signing === undefined) return [];
  const limit = subject.declared.interval + subject.signing.publishAhead;
  const { activeVersion, activeVersionAge } = active;
  if (activeVersion !== null && activeVersionAge !== null && activeVersionAge < limit) return [];
  return [{ code: "SigningVersionStale", keyVersionId: activeVersion, age: activeVersionAge, limit }];
}

function breachesOf(rotation: Rotating, policy: CompliancePolicy): AuditReason[] {
  if (!rotation.rotating)
    return policy.requireRotation ? [{ code: "BreaksRequireRotation", stall: rotation.why }] : [];
  const max = policy.maxInterval;
  if (max === undefined || rotation.interval === undefined || rotation.interval <= max) return [];
  return [{ code: "BreaksMaxInterval", rotation: rotation.how, maxInterval: max }];
}
