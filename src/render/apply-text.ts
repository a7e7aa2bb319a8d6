// What apply did, for people at a terminal: one line per key that was acted on, a summary line last.

import type { ApplyResult, KeyResult } from "../model/apply-result.js";
import { painter } from "./ansi.js";
import { applySummaryLine, describeOutcome, isQuiet, outcomeSymbol } from "./apply-describe.js";
import { columnsFor, type Row, renderRow, renderRows } from "./columns.js";
import { placeOf, regionsOf } from "./describe.js";

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
    return `${renderRow(rowOf(result), columns, paint, options.width).join("\n")}\n`;
  };
}

export function renderApplyText(result: ApplyResult, options: ApplyTextOptions): string {
  const paint = painter(options.colour);
  const regions = regionsOf(result.results);
  const rows: Row[] = options.rowsShown
    ? []
    : result.results.filter((r) => options.verbose || !isQuiet(r)).map(rowOf);
  const body = renderRows(rows, regions.length > 1, paint, options.width);
  const footer = paint(
    result.verdict === "failed" ? "red" : "green",
    applySummaryLine(result.summary, result.interrupted),
  );
  return `${[...body, ...(body.length > 0 ? [""] : []), footer].join("\n")}\n`;
}
