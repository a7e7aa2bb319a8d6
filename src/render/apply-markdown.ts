// What apply did, as a pull-request comment or job summary: summary, a table of what happened, the rest folded.

import type { ApplyResult, KeyResult } from "../model/apply-result.js";
import { applySummaryLine, describeOutcome, isQuiet, outcomeSymbol } from "./apply-describe.js";
import { placeOf, plural } from "./describe.js";
import { blocks, details, table } from "./markdown.js";

const HEADERS = ["", "Key", "Region", "Result"] as const;

export function renderApplyMarkdown(result: ApplyResult): string {
  const acted = result.results.filter((r) => !isQuiet(r));
  const unchanged = result.results.filter(isQuiet);
  const ok = result.verdict === "succeeded";
  return blocks(
    [`### ${ok ? "✅" : "❌"} kms-rotation apply`],
    [`**${applySummaryLine(result.summary, result.interrupted)}**`, "", `Applied as of ${result.now}.`],
    acted.length > 0 ? table(HEADERS, acted.map(row)) : [],
    unchanged.length > 0
      ? details(plural(unchanged.length, "unchanged key"), table(HEADERS, unchanged.map(row)))
      : [],
  );
}

function row(result: KeyResult): string[] {
  return [outcomeSymbol(result).symbol.trim(), result.key, placeOf(result), describeOutcome(result)];
}
