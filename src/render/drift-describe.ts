// One drift entry in words, and the counts by status, shared by the text, Markdown and JUnit reports.

import type { DriftEntry, DriftReport, DriftStatus } from "../model/drift.js";
import type { Style } from "./ansi.js";
import { describeLastRotation, describePolicy, oneLine } from "./describe.js";

/** Report order: the statuses that need someone first. */
export const DRIFT_STATUSES: readonly DriftStatus[] = [
  "drifted",
  "due",
  "missing",
  "blocked",
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
      return "red";
    case "in-sync":
      return "green";
    default:
      return status satisfies never;
  }
}

/** `expected automatic every 90d, actual off`, `KeyDisabled: ...`, and so on. */
export function describeDriftEntry(entry: DriftEntry, now: string): string {
  const reason = entry.reason ? `${entry.reason.code}: ${oneLine(entry.reason.message)}` : undefined;
  switch (entry.status) {
    case "in-sync":
      return withLastRotation(describePolicy(entry.expected), entry, now);
    case "drifted":
      return compare(entry);
    case "due":
      return withLastRotation(`due: ${describePolicy(entry.expected)}`, entry, now);
    case "missing":
      return reason ?? "not found in KMS";
    case "blocked":
      return `${reason ?? "not rotating"} (${compare(entry)})`;
    case "unmanaged":
      return `not in the file; actual ${describePolicy(entry.actual)}`;
    default:
      return entry.status satisfies never;
  }
}

/** `expected automatic every 90d, actual off`. */
export function compare(entry: DriftEntry): string {
  return `expected ${describePolicy(entry.expected)}, actual ${describePolicy(entry.actual)}`;
}

function withLastRotation(text: string, entry: DriftEntry, now: string): string {
  return entry.lastRotationDate
    ? `${text}, last rotated ${describeLastRotation(entry.lastRotationDate, now)}`
    : text;
}

export function countByStatus(report: DriftReport): Map<DriftStatus, number> {
  const counts = new Map<DriftStatus, number>(DRIFT_STATUSES.map((s) => [s, 0]));
  for (const entry of report.keys) counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
  return counts;
}

/** `1 drifted, 1 due, 8 in sync`: statuses that occur, in report order; `0 keys` for an empty report. */
export function countsLine(report: DriftReport): string {
  const parts = [...countByStatus(report)]
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status === "in-sync" ? "in sync" : status}`);
  return parts.length > 0 ? parts.join(", ") : "0 keys";
}
