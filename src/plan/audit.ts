// Audit entries: each key as KMS has it (audit-evidence.ts), judged against the policy (audit-verdict.ts);
// a key missing or unread is an entry too. And the report around them, and which keys' versions to count.

import {
  type AuditEntry,
  type AuditPolicy,
  type AuditReport,
  type CompliancePolicy,
  type Observation,
  type ObservedKey,
  type RotationPolicy,
  summarizeAudit,
} from "../model/index.js";
import { type AuditSubject, activeEvidence, evidenceOf, missingEvidence } from "./audit-evidence.js";
import { judge } from "./audit-verdict.js";
import { rulesFor } from "./rules.js";
import { toIso } from "./time.js";

export type { AuditSubject } from "./audit-evidence.js";

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

/**
 * Whether audit counts a declared key's versions (ListKeyVersions): a key declared manual whose spec can
 * take CreateKeyVersion, where the count is evidence of the rotations made and decides whether the next
 * one can be made at all (the cap). Automatic and off keys are left at one DescribeKey.
 */
export function auditCountsVersions(declared: RotationPolicy, key: ObservedKey): boolean {
  return declared.mode === "manual" && rulesFor(key).manual.supported;
}
