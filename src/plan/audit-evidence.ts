// An audit entry's facts: what KMS shows of a key (its spec, state, rotation, versions' ages, the next
// rotation) and, for a signing key, its active version. No verdict: audit-verdict.ts judges them.

import type {
  AuditEntry,
  KeyException,
  ObservedKey,
  RotationPolicy,
  SigningPolicy,
  SourcePosition,
} from "../model/index.js";
import { lastRotation } from "./observed-policy.js";
import { rulesFor } from "./rules.js";
import { manualDueAt } from "./schedule.js";
import { signingLifecycle } from "./signing.js";
import { toIso } from "./time.js";

/** A key as the file declares it (or as found, for an unmanaged key): what audit judges it by. */
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
export interface ActiveEvidence {
  readonly activeVersion: string | null;
  readonly activeVersionAge: number | null;
}

/** Undefined unless the file declares a signing key and KMS shows its pointer tags. */
export function activeEvidence(
  subject: AuditSubject,
  key: ObservedKey,
  now: number,
): ActiveEvidence | undefined {
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

/** An audit entry without its verdict. */
export type Evidence = Omit<AuditEntry, "verdict" | "reasons">;

/** A key KMS does not have, or that was not read: every fact unknown. */
export function missingEvidence(subject: AuditSubject): Evidence {
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

/** The facts of a key KMS answered for, ages in whole seconds at `now` (epoch milliseconds). */
export function evidenceOf(subject: AuditSubject, key: ObservedKey, now: number): Evidence {
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

/** The version cap when the key has reached it (its versions were counted), else undefined. */
export function atCap(key: ObservedKey): number | undefined {
  const cap = rulesFor(key).manual.versionCap;
  return cap !== undefined && key.versionCount !== undefined && key.versionCount >= cap ? cap : undefined;
}
