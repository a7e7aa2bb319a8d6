// The drift report for people at a terminal: the keys not rotating as declared, then a verdict.

import type { DriftEntry, DriftReport } from "../model/drift.js";
import { painter } from "./ansi.js";
import { collapseAlike, failureKind, type Row, renderRows } from "./columns.js";
import { placeOf, plural, regionsOf } from "./describe.js";
import { countByStatus, countsLine, describeDriftEntry, statusStyle } from "./drift-describe.js";

export interface DriftTextOptions {
  /** ANSI colour; the CLI sets it only on a TTY without NO_COLOR. */
  readonly colour: boolean;
  /** Terminal width to wrap long lines at, with a hanging indent; none: no wrapping. */
  readonly width?: number;
  /** Also list keys that are in sync. */
  readonly verbose?: boolean;
}

const STATUS_WIDTH = "unmanaged".length;

export function renderDriftText(report: DriftReport, options: DriftTextOptions): string {
  const paint = painter(options.colour);
  const regions = regionsOf(report.keys);
  const header = `Drift as of ${report.now}${regions.length > 0 ? ` (${regions.join(", ")})` : ""}`;
  const toRow = (e: DriftEntry): Row => ({
    symbol: e.status.padEnd(STATUS_WIDTH),
    key: e.key,
    region: placeOf(e),
    text: describeDriftEntry(e, report.now),
    style: statusStyle(e.status),
  });
  const shown = report.keys.filter((e) => options.verbose || e.status !== "in-sync");
  // Keys that could not be read for the same reason share one line (a dead endpoint: one per region).
  const unread = (e: DriftEntry) =>
    e.status === "error" ? failureKind(e.reason?.code ?? "", describeDriftEntry(e, report.now)) : undefined;
  const rows = collapseAlike(shown, toRow, unread, (e) =>
    describeDriftEntry(e, report.now).replace(/^could not be read/, "none could be read"),
  );
  const body = renderRows(rows, regions.length > 1, paint, options.width);
  // The verdict follows inSync as given: the renderer reports, it does not judge.
  const footer = report.inSync
    ? paint("green", `In sync: ${plural(report.keys.length, "key")}, all rotating as declared.`)
    : paint("red", notInSync(report));
  return `${[paint("bold", header), "", ...body, ...(body.length > 0 ? [""] : []), footer].join("\n")}\n`;
}

/** Keys that could not be read are not drift found: when they are all that is wrong, say that alone. */
function notInSync(report: DriftReport): string {
  const counts = countByStatus(report);
  const unread = counts.get("error") ?? 0;
  const inSync = counts.get("in-sync") ?? 0;
  if (unread === 0 || unread + inSync < report.keys.length)
    return `Drift found: ${countsLine(report, "could not be read")}.`;
  return `${plural(unread, "key")} could not be read${inSync > 0 ? `; ${inSync} in sync` : ""}.`;
}
