// What apply did, for people at a terminal: one line per key that was acted on, a summary line last.

import type { ApplyResult, KeyResult } from "../model/apply-result.js";
import { painter } from "./ansi.js";
import { applySummaryLine, describeOutcome, isQuiet, outcomeSymbol } from "./apply-describe.js";
import { collapseAlike, columnsFor, failureKind, type Row, renderRow, renderRows } from "./columns.js";
import { oneLine, placeOf, regionsOf } from "./describe.js";
import { wrapLine } from "./wrap.js";

export interface ApplyTextOptions {
  /** ANSI colour; the CLI sets it only on a TTY without NO_COLOR. */
  readonly colour: boolean;
  /** Terminal width to wrap long lines at, with a hanging indent; none: no wrapping. */
  readonly width?: number;
  /** Also list keys the plan left alone (a planned change that ended unchanged is always listed). */
  readonly verbose?: boolean;
  /** Each key's line was already shown as it finished (applyRowRenderer): the summary alone. */
  readonly rowsShown?: boolean;
}

function rowOf(r: KeyResult): Row {
  const { symbol, style } = outcomeSymbol(r);
  return { symbol, key: r.key, region: placeOf(r), text: describeOutcome(r), style, dimAll: style === "dim" };
}

/**
 * Lines for each key as it finishes, aligned as the final report would align them: the columns come
 * from the keys the plan will act on, known before the first finishes.
 */
export function applyRowRenderer(
  keys: readonly { readonly key: string; readonly region: string; readonly account?: string }[],
  options: ApplyTextOptions,
): (result: KeyResult) => string {
  const paint = painter(options.colour);
  const places = keys.map((k) => ({ key: k.key, region: placeOf(k) }));
  const columns = columnsFor(places, regionsOf(keys).length > 1);
  return (result) => {
    if (!options.verbose && isQuiet(result)) return "";
    // Keys never read, or not attempted, are told together once the run ends: one row, not one each.
    if (!attempted(result) || unreadAlike(result) !== undefined) return "";
    return `${renderRow(rowOf(result), columns, paint, options.width).join("\n")}\n`;
  };
}

export function renderApplyText(result: ApplyResult, options: ApplyTextOptions): string {
  const paint = painter(options.colour);
  const regions = regionsOf(result.results);
  const listed = result.results.filter((r) => options.verbose || !isQuiet(r));
  // Rows shown as keys finished: only those held for the end (never read, not attempted) remain.
  const shown = options.rowsShown
    ? listed.filter((r) => !attempted(r) || unreadAlike(r) !== undefined)
    : listed;
  const rows = [
    ...collapseAlike(shown.filter(attempted), rowOf, unreadAlike, unreadText),
    ...notAttemptedRows(shown),
  ];
  const body = renderRows(rows, regions.length > 1, paint, options.width);
  // Wrapped as every line is: at 80 columns an interrupted run's summary is longer than the line.
  const [first = "", ...rest] = wrapLine(
    applySummaryLine(result.summary, result.interrupted),
    options.width,
    "",
    2,
  );
  const colour = result.verdict === "failed" ? "red" : "green";
  const footer = [paint(colour, first), ...rest.map((l) => paint(colour, l))];
  return `${[...body, ...(body.length > 0 ? [""] : []), ...footer].join("\n")}\n`;
}

const attempted = (r: KeyResult) => r.outcome.status !== "not-attempted";

/** Keys never read, for the same endpoint failure: one row (the plan above already says why, once). */
function unreadAlike(r: KeyResult): string | undefined {
  if (r.outcome.status !== "failed" || r.action.kind !== "error") return undefined;
  return failureKind(r.action.error.code, r.action.error.message);
}

function unreadText(r: KeyResult): string {
  return r.action.kind === "error"
    ? `failed: none could be read: ${r.action.error.code}: ${oneLine(r.action.error.message)}`
    : "";
}

/**
 * What an interrupt left undone, as one count (a Ctrl-C early in a large run listed every key): the
 * JSON report names each, and a new plan shows what is left. One such key keeps its own row.
 */
function notAttemptedRows(results: readonly KeyResult[]): Row[] {
  const left = results.filter((r) => !attempted(r));
  if (left.length < 2) return left.map(rowOf);
  const text = "not attempted (the apply was interrupted); a new plan shows what is left";
  return [{ symbol: "-", key: `${left.length} keys`, region: "", text, style: "yellow" }];
}
