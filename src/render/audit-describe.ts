// Words for audit entries shared by the text, Markdown and CSV views.

import type { AuditEntry, AuditReport, KmsRotation } from "../model/index.js";
import { DAY, formatDuration } from "../model/index.js";
import { plural } from "./describe.js";
import { MANUAL_IN_KMS } from "./drift-describe.js";

/**
 * `automatic every 90d`, `automatic every 90d (suspended)`, `off`; a key declared manual (its versions
 * counted) rotates by new versions with automatic rotation off by design: `manual (automatic rotation off)`.
 */
export function describeKmsRotation(entry: Pick<AuditEntry, "rotation" | "versionCount">): string {
  const rotation: KmsRotation | null = entry.rotation;
  if (rotation === null) return "";
  if (rotation.automatic === "Disabled" || rotation.interval === null)
    return entry.versionCount === null ? "off" : MANUAL_IN_KMS;
  const suspended = rotation.automatic === "Suspended" ? " (suspended)" : "";
  return `automatic every ${formatDuration(rotation.interval)}${suspended}`;
}

/** `412d`, or empty when unknown. */
export function describeAge(seconds: number | null): string {
  return seconds === null ? "" : `${Math.floor(seconds / DAY)}d`;
}

/** `rotation at least every 365d, required` */
export function describeAuditPolicy(report: AuditReport): string {
  const { maxInterval, requireRotation, source } = report.policy;
  const parts = [
    maxInterval === undefined
      ? "no maximum interval"
      : `rotation at least every ${formatDuration(maxInterval)}`,
    requireRotation ? "rotation required for every key that can rotate" : "rotation not required",
  ];
  const origin = source === "baseline" ? " (the baseline: the file states no policy)" : "";
  return `${parts.join(", ")}${origin}`;
}

/** `3 compliant, 1 non-compliant, 1 exempt, 2 not applicable` */
export function auditCounts(report: AuditReport): string {
  const s = report.summary;
  return [
    `${s.compliant} compliant`,
    `${s.nonCompliant} non-compliant`,
    `${s.exempt} exempt`,
    `${s.notApplicable} not applicable`,
    ...(s.errors ? [`${s.errors} unread`] : []),
  ].join(", ");
}

export function auditVerdictLine(report: AuditReport): string {
  const bad = report.summary.nonCompliant;
  const errors = report.summary.errors ?? 0;
  // An unread key has no verdict (section 14): said apart, never counted as breaking the policy.
  const unread = `${plural(errors, "key")} could not be read`;
  if (bad === 0 && errors > 0) return unread;
  const line =
    bad === 0
      ? `Every key meets the policy (${plural(report.summary.keys, "key")})`
      : `${plural(bad, "key")} ${bad === 1 ? "breaks" : "break"} the policy`;
  return errors > 0 ? `${line}; ${unread}` : line;
}

/** Unread keys, non-compliant, then exempt, compliant, not applicable; the report's order within each. */
export function byVerdict(keys: readonly AuditEntry[]): AuditEntry[] {
  const rank = { error: -1, "non-compliant": 0, exempt: 1, compliant: 2, "not-applicable": 3 } as const;
  return keys
    .map((k, i) => [k, i] as const)
    .sort(([a, i], [b, j]) => rank[a.verdict] - rank[b.verdict] || i - j)
    .map(([k]) => k);
}
