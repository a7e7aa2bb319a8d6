// Audit verdicts: each key as KMS has it, judged against the policy. Keys that cannot rotate are never
// counted against it; a manual key rotates when its current version is younger than its interval.

import {
  type AuditEntry,
  type AuditPolicy,
  type AuditReason,
  type AuditReport,
  type AuditRotation,
  type AuditStall,
  type CompliancePolicy,
  isExceptionLive,
  type KeyException,
  type Observation,
  type ObservedKey,
  type RotationPolicy,
  type SigningPolicy,
  type SourcePosition,
  summarizeAudit,
  type Verdict,
} from "../model/index.js";
import { lastRotation } from "./observed-policy.js";
import { rulesFor } from "./rules.js";
import { manualDueAt } from "./schedule.js";
import { signingLifecycle } from "./signing.js";
import { toIso } from "./time.js";

export interface AuditSubject {
  /** As the file names it; for an unmanaged key, its first alias or its id. */
  readonly key: string;
  readonly region: string;
  /** The account the config names for the key (or the unit an unmanaged key was found in). */
  readonly account?: string;
  /** Absent for keys the file does not declare. */
  readonly declared?: RotationPolicy;
  readonly exception?: KeyException;
  /** Where the file declares the key. */
  readonly source?: SourcePosition;
  /** A signing key's windows: it is judged by its active version (section 12). */
  readonly signing?: SigningPolicy;
}

/** A signing key's active version and its age (seconds), from its pointer tags. */
interface ActiveEvidence {
  readonly activeVersion: string | null;
  readonly activeVersionAge: number | null;
}

function activeEvidence(subject: AuditSubject, key: ObservedKey, now: number): ActiveEvidence | undefined {
  if (subject.signing === undefined || key.signing === undefined) return undefined;
  const id = key.signing.activeVersion;
  // A pointer plan calls unusable (ActiveVersionUnknown: unknown version, unparsable active-since)
  // leaves the active version's age unknown, as a missing version does: never judged compliant.
  const usable = signingLifecycle(key.signing, subject.signing, now).ok;
  const version = usable ? key.signing.versions.find((v) => v.keyVersionId === id) : undefined;
  const made = version ? Date.parse(version.creationDate) : Number.NaN;
  return {
    activeVersion: id ?? null,
    activeVersionAge: Number.isFinite(made) ? Math.max(0, Math.floor((now - made) / 1000)) : null,
  };
}

export function auditKey(
  subject: AuditSubject,
  observation: Observation,
  policy: CompliancePolicy,
  now: Date,
): AuditEntry {
  if (observation.found === false) {
    return {
      ...missingEvidence(subject),
      verdict: "non-compliant",
      reasons: [{ code: "KeyMissing", missing: { code: observation.code, message: observation.message } }],
    };
  }
  // Unread, or an answer that failed the check, is an error entry with no verdict (section 14); the
  // command fails on it (exit 1).
  if (observation.found === "unknown") {
    return {
      ...missingEvidence(subject),
      verdict: "error",
      error: { code: observation.error.code, message: observation.error.message },
      reasons: [{ code: "KeyUnread", error: observation.error }],
    };
  }
  const key = observation.key;
  const evidence = evidenceOf(subject, key, now.getTime());
  const active = activeEvidence(subject, key, now.getTime());
  if (active === undefined) {
    return { ...evidence, ...judge(subject, key, policy, now, evidence.currentVersionAge) };
  }
  // A signing key rotates when signers move on, not when a version is made: judged by its active version.
  const slack = subject.signing?.publishAhead ?? 0;
  return {
    ...evidence,
    ...active,
    ...judge(subject, key, policy, now, active.activeVersionAge, slack, active),
  };
}

export function auditReport(
  entries: readonly AuditEntry[],
  policy: CompliancePolicy,
  source: AuditPolicy["source"],
  now: Date,
): AuditReport {
  return {
    formatVersion: 1,
    now: toIso(now),
    policy: { ...policy, source },
    summary: summarizeAudit(entries),
    keys: entries,
  };
}

type Evidence = Omit<AuditEntry, "verdict" | "reasons">;

function missingEvidence(subject: AuditSubject): Evidence {
  return {
    keyId: null,
    key: subject.key,
    region: subject.region,
    account: subject.account ?? null,
    spec: null,
    state: null,
    rotation: null,
    lastRotation: null,
    currentVersionAge: null,
    nextRotation: null,
    versionCount: null,
    ...(subject.source ? { source: subject.source } : {}),
  };
}

function evidenceOf(subject: AuditSubject, key: ObservedKey, now: number): Evidence {
  const last = lastRotation(key);
  const known = Number.isFinite(last);
  return {
    keyId: key.keyId,
    key: subject.key,
    region: subject.region,
    account: key.arn.split(":")[3] || subject.account || null,
    spec: key.keySpec,
    state: key.keyState,
    rotation: { automatic: key.automaticRotation, interval: key.rotationInterval ?? null },
    lastRotation: known ? toIso(new Date(last)) : null,
    currentVersionAge: known ? Math.max(0, Math.floor((now - last) / 1000)) : null,
    nextRotation: nextRotationOf(subject, key),
    versionCount: key.versionCount ?? null,
    ...(subject.source ? { source: subject.source } : {}),
  };
}

function nextRotationOf(subject: AuditSubject, key: ObservedKey): string | null {
  if (key.automaticRotation !== "Disabled") return key.nextRotationDate ?? null;
  const manual = rulesFor(key).manual;
  if (subject.declared?.mode !== "manual" || !manual.supported || atCap(key)) return null;
  const due = manualDueAt(key, subject.declared.interval, manual.minInterval);
  return Number.isFinite(due) ? toIso(new Date(due)) : null;
}

/** Whether the key rotates, as far as KMS and the file show, and every how long (seconds). */
type Rotating =
  | { readonly rotating: true; readonly interval?: number; readonly how: AuditRotation }
  | { readonly rotating: false; readonly why: AuditStall };

function judge(
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

/** The version cap when the key has reached it (its versions were counted), else undefined. */
function atCap(key: ObservedKey): number | undefined {
  const cap = rulesFor(key).manual.versionCap;
  return cap !== undefined && key.versionCount !== undefined && key.versionCount >= cap ? cap : undefined;
}

/**
 * Whether audit counts a declared key's versions (ListKeyVersions): a key declared manual whose spec can
 * take CreateKeyVersion, where the count is evidence of the rotations made and decides whether the next
 * one can be made at all (the cap). Automatic and off keys are left at one DescribeKey.
 */
export function auditCountsVersions(declared: RotationPolicy, key: ObservedKey): boolean {
  return declared.mode === "manual" && rulesFor(key).manual.supported;
}

function breachesOf(rotation: Rotating, policy: CompliancePolicy): AuditReason[] {
  if (!rotation.rotating)
    return policy.requireRotation ? [{ code: "BreaksRequireRotation", stall: rotation.why }] : [];
  const max = policy.maxInterval;
  if (max === undefined || rotation.interval === undefined || rotation.interval <= max) return [];
  return [{ code: "BreaksMaxInterval", rotation: rotation.how, maxInterval: max }];
}
