// One drift entry in words, and the counts by status, shared by the text, Markdown and JUnit reports.

import type { DriftEntry, DriftReport, DriftStatus } from "../model/drift.js";
import { driftReasonText } from "../words/problem-text.js";
import type { Style } from "./ansi.js";
import { describeLastRotation, describePolicy, oneLine } from "./describe.js";

/** Report order: the statuses that need someone first. */
export const DRIFT_STATUSES: readonly DriftStatus[] = [
  "drifted",
  "due",
  "missing",
  "blocked",
  "error",
  "unmanaged",
  "in-sync",
];

export function statusStyle(status: DriftStatus): Style | undefined {
  switch (status) {
    case "drifted":
    case "due":
    case "unmanaged":
      return "yellow";
    case "missing":
    case "blocked":
    case "error":
      return "red";
    case "in-sync":
      return "green";
    default:
      return status satisfies never;
  }
}

/** The whole story of one entry on one line: `expected automatic every 90d, actual off`, and so on. */
export function describeDriftEntry(entry: DriftEntry, now: string): string {
  switch (entry.status) {
    case "in-sync":
    case "due":
      return join(describePolicy(entry.expected), driftDetail(entry, now));
    case "drifted":
      // A signing key's published key set lacking a version (drift --published) says which.
      return entry.reason ? join(compare(entry), driftDetail(entry, now), "; ") : compare(entry);
    case "missing":
    case "error":
      return driftDetail(entry, now);
    case "blocked":
      return join(driftDetail(entry, now), compare(entry), "; ");
    case "unmanaged":
      return join(driftDetail(entry, now), `actual ${describeActual(entry)}`, "; ");
    default:
      return entry.status satisfies never;
  }
}

/** What an entry says beyond its expected and actual policies (for tables that show those already). */
export function driftDetail(entry: DriftEntry, now: string): string {
  const reason = entry.reason ? `${entry.reason.code}: ${oneLine(driftReasonText(entry.reason))}` : undefined;
  const last = entry.lastRotationDate
    ? `last rotated ${describeLastRotation(entry.lastRotationDate, now)}`
    : undefined;
  switch (entry.status) {
    case "in-sync":
      return last ?? "";
    case "drifted":
      return reason ?? last ?? "";
    case "due":
      if (entry.reason?.code === "PromotionDue") return reason ?? "";
      return last ? `${last}: a new version is due` : "a new version is due";
    case "missing":
      return reason ?? "not found in KMS";
    case "error":
      return `could not be read: ${reason ?? "unknown error"}`;
    case "blocked":
      return reason ?? "not rotating";
    case "unmanaged":
      return "not in the file";
    default:
      return entry.status satisfies never;
  }
}

/** `expected automatic every 90d, actual off`. */
export function compare(entry: DriftEntry): string {
  return `expected ${describePolicy(entry.expected)}, actual ${describeActual(entry)}`;
}

/**
 * What KMS shows, in the terms the file declares: a manual key rotates by new versions with KMS's
 * automatic rotation off by design, so it reads as manual, never as a bare `off`.
 */
export function describeActual(entry: DriftEntry): string {
  if (entry.expected?.mode === "manual" && entry.actual?.mode === "off") return MANUAL_IN_KMS;
  return describePolicy(entry.actual);
}

/** A key rotated by new versions (CreateKeyVersion), as KMS shows it. */
export const MANUAL_IN_KMS = "manual (automatic rotation off)";

function join(first: string, second: string, separator = ", "): string {
  return first && second ? `${first}${separator}${second}` : first || second;
}

export function countByStatus(report: DriftReport): Map<DriftStatus, number> {
  const counts = new Map<DriftStatus, number>(DRIFT_STATUSES.map((s) => [s, 0]));
  for (const entry of report.keys) counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
  return counts;
}

/**
 * `1 drifted, 1 due, 8 in sync`: statuses that occur, in report order; `0 keys` for an empty report.
 * `unread` words the `error` count (`2 could not be read`); by default it is the status's name.
 */
export function countsLine(report: DriftReport, unread = "error"): string {
  const parts = [...countByStatus(report)]
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === "in-sync" ? "in sync" : status === "error" ? unread : status}`);
  return parts.length > 0 ? parts.join(", ") : "0 keys";
}
