// Organisation-wide rotation rules (`policy:`), per-key exceptions to them, and the audit report that
// judges every key against them (CONTRACT section 9).

import type { AutomaticRotation, ReadError } from "./observed.js";
import type { RotationMode } from "./policy.js";
import type { BlockedReason, Recorded } from "./problems.js";
import type { ShardInfo } from "./shard.js";
import type { SourcePosition } from "./source.js";

export interface CompliancePolicy {
  /** Seconds: no key that rotates may rotate less often than this. */
  readonly maxInterval?: number;
  /** Every key that can rotate must rotate (automatic or manual, not off). */
  readonly requireRotation: boolean;
}

/** What `audit` holds keys to when the file states no `policy:`: CIS-style yearly rotation. */
export const BASELINE_POLICY: CompliancePolicy = { maxInterval: 365 * 86_400, requireRotation: true };

export interface KeyException {
  readonly reason: string;
  /** `YYYY-MM-DD`: the exception holds through the whole of this day, UTC. */
  readonly expires: string;
  /** Where `expires` is written, for problems about it. */
  readonly source?: SourcePosition;
}

/** The first instant (ms) at which the exception no longer holds: midnight UTC after its expiry day. */
export function exceptionEnd(exception: Pick<KeyException, "expires">): number {
  return Date.parse(`${exception.expires}T00:00:00Z`) + 86_400_000;
}

export function isExceptionLive(exception: Pick<KeyException, "expires">, now: Date): boolean {
  return now.getTime() < exceptionEnd(exception);
}

export type Verdict = "compliant" | "non-compliant" | "exempt" | "not-applicable";
/** A verdict, or `error`: the key could not be read or its answer failed the check (section 14): no verdict. */
export type AuditOutcome = Verdict | "error";

/** The rotation KMS itself has for a key (manual rotation is ours, so KMS shows it as Disabled). */
export interface KmsRotation {
  readonly automatic: AutomaticRotation;
  /** Seconds; null when automatic rotation is Disabled. */
  readonly interval: number | null;
}

/** One key's evidence. Every field is present; those that do not apply (a missing key) are null. */
export interface AuditEntry {
  readonly keyId: string | null;
  readonly key: string;
  readonly region: string;
  readonly account: string | null;
  readonly spec: string | null;
  readonly state: string | null;
  readonly rotation: KmsRotation | null;
  /** ISO-8601 UTC: when the current version was made. */
  readonly lastRotation: string | null;
  /** Seconds since lastRotation. */
  readonly currentVersionAge: number | null;
  /** When the next rotation happens (automatic) or falls due (manual); null when none is scheduled. */
  readonly nextRotation: string | null;
  /** Read only where the version cap matters (keys declared manual); null otherwise. */
  readonly versionCount: number | null;
  /** Signing keys only: the version signers use (null before the first promotion) and its age in seconds. */
  readonly activeVersion?: string | null;
  readonly activeVersionAge?: number | null;
  readonly verdict: AuditOutcome;
  /** Set when verdict is `error`: why the key could not be read. */
  readonly error?: { readonly code: string; readonly message: string };
  readonly reasons: readonly AuditReason[];
  /** Where the file declares the key (not in the JSON report: views that point into the file use it). */
  readonly source?: SourcePosition;
}

/** How a key rotates, as audit judged it; seconds throughout. */
export type AuditRotation =
  | { readonly how: "automatic"; readonly interval: number }
  /** `age`: of the current version, younger than the declared interval. */
  | {
      readonly how: "manual";
      readonly interval: number;
      readonly age: number;
      /** A signing key: `age` is its active version's (section 12), not the newest version's. */
      readonly active?: true;
    }
  /** A key the file does not declare, whose current version is younger than policy.maxInterval. */
  | { readonly how: "young"; readonly age: number; readonly maxInterval: number };

/** Why a key does not rotate; `age` is null when its versions' dates are unknown. */
export type AuditStall =
  | { readonly why: "automatic-disabled" }
  /** Declared manual, current version older than the interval; `cap` when no version can be made. */
  | {
      readonly why: "overdue";
      readonly interval: number;
      readonly age: number | null;
      /** A signing key: `age` is its active version's (section 12). */
      readonly active?: true;
      readonly cap?: { readonly versionCount: number | undefined; readonly cap: number };
    }
  | { readonly why: "declared-without-versions"; readonly mode: RotationMode }
  | { readonly why: "undeclared"; readonly age: number | null };

/** One line of an audit entry's reasons, as data; words from a saved report are kept as `message`. */
export type AuditReason =
  | { readonly code: "KeyMissing"; readonly missing: Recorded<"KeyNotFound" | "AliasNotFound"> }
  | { readonly code: "KeyUnread"; readonly error: ReadError }
  | { readonly code: "CannotRotate"; readonly reason: BlockedReason }
  | { readonly code: "NotInUse"; readonly state: string }
  | { readonly code: "Rotates"; readonly rotation: AuditRotation }
  | { readonly code: "RotationNotRequired"; readonly stall: AuditStall }
  | { readonly code: "BreaksRequireRotation"; readonly stall: AuditStall }
  | { readonly code: "BreaksMaxInterval"; readonly rotation: AuditRotation; readonly maxInterval: number }
  | { readonly code: "Exempt"; readonly expires: string; readonly reason: string }
  | { readonly code: "ExceptionExpired"; readonly expires: string }
  /** A signing key whose active version is older than interval + publishAhead, or that has none. */
  | {
      readonly code: "SigningVersionStale";
      readonly keyVersionId: string | null;
      readonly age: number | null;
      readonly limit: number;
    }
  /** Words from a saved report, with the code they were said for when the report kept it. */
  | { readonly message: string; readonly said?: string };

export interface AuditSummary {
  readonly keys: number;
  readonly compliant: number;
  readonly nonCompliant: number;
  readonly exempt: number;
  readonly notApplicable: number;
  /** Keys that could not be read (verdict `error`); present only when there are some. */
  readonly errors?: number;
}

export interface AuditPolicy extends CompliancePolicy {
  /** `config` when the file states it, `baseline` when audit fell back to BASELINE_POLICY. */
  readonly source: "config" | "baseline";
}

export interface AuditReport {
  readonly formatVersion: 1;
  readonly now: string;
  readonly policy: AuditPolicy;
  readonly summary: AuditSummary;
  readonly keys: readonly AuditEntry[];
  /** Set when the report covers one shard of the config (`--shard`). */
  readonly shard?: ShardInfo;
}

export function summarizeAudit(keys: readonly AuditEntry[]): AuditSummary {
  const count = (v: AuditOutcome) => keys.filter((k) => k.verdict === v).length;
  const errors = count("error");
  return {
    keys: keys.length,
    compliant: count("compliant"),
    nonCompliant: count("non-compliant"),
    exempt: count("exempt"),
    notApplicable: count("not-applicable"),
    ...(errors > 0 ? { errors } : {}),
  };
}
