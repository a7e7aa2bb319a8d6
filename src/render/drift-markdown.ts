// The drift report for a CI job summary or an issue body: a verdict, counts, the keys that need someone.

import type { DriftEntry, DriftReport } from "../model/drift.js";
import { describePolicy, placeOf, plural } from "./describe.js";
import { countsLine, describeActual, driftDetail } from "./drift-describe.js";
import { blocks, details, table } from "./markdown.js";

const HEADERS = ["Status", "Key", "Region", "Expected", "Actual", "Detail"] as const;

export function renderDriftMarkdown(report: DriftReport): string {
  const outOfSync = report.keys.filter((e) => e.status !== "in-sync");
  const inSync = report.keys.filter((e) => e.status === "in-sync");
  // The verdict follows inSync as given: the renderer reports, it does not judge.
  const heading = report.inSync
    ? "### ✅ KMS key rotation is in sync"
    : "### ❌ KMS key rotation has drifted";
  return blocks(
    [heading],
    [`**${countsLine(report)}** (${plural(report.keys.length, "key")}, as of ${report.now})`],
    outOfSync.length > 0
      ? table(
          HEADERS,
          outOfSync.map((e) => row(e, report.now)),
        )
      : [],
    inSync.length > 0
      ? details(
          `${plural(inSync.length, "key")} in sync`,
          table(
            HEADERS,
            inSync.map((e) => row(e, report.now)),
          ),
        )
      : [],
  );
}

function row(entry: DriftEntry, now: string): string[] {
  return [
    entry.status,
    entry.key,
    placeOf(entry),
    entry.expected ? describePolicy(entry.expected) : "",
    entry.actual ? describeActual(entry) : "",
    driftDetail(entry, now),
  ];
}
