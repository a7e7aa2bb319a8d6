// What apply did, for people at a terminal: one line per key that was acted on, a summary line last.

import type { ApplyResult } from "../model/apply-result.js";
import { painter } from "./ansi.js";
import { applySummaryLine, describeOutcome, outcomeSymbol } from "./apply-describe.js";
import { type Row, renderRows } from "./columns.js";
import { regionsOf } from "./describe.js";

export interface ApplyTextOptions {
  /** ANSI colour; the CLI sets it only on a TTY without NO_COLOR. */
  readonly colour: boolean;
  /** Also list keys that were left unchanged. */
  readonly verbose?: boolean;
}

export function renderApplyText(result: ApplyResult, options: ApplyTextOptions): string {
  const paint = painter(options.colour);
  const regions = regionsOf(result.results);
  const rows: Row[] = result.results
    .filter((r) => options.verbose || r.outcome.status !== "unchanged")
    .map((r) => {
      const { symbol, style } = outcomeSymbol(r);
      return {
        symbol,
        key: r.key,
        region: r.region,
        text: describeOutcome(r),
        style,
        dimAll: style === "dim",
      };
    });
  const body = renderRows(rows, regions.length > 1, paint);
  const footer = paint(
    result.verdict === "failed" ? "red" : "green",
    applySummaryLine(result.summary, result.interrupted),
  );
  return `${[...body, ...(body.length > 0 ? [""] : []), footer].join("\n")}\n`;
}
