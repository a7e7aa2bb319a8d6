// The plan as a pull-request comment: summary first, a table of what would change, the rest folded.

import type { KeyPlan, Plan } from "../model/plan.js";
import { placeOf, plural } from "./describe.js";
import { blocks, bullets, details, table } from "./markdown.js";
import {
  changeSymbol,
  describeChange,
  hasNothingToDo,
  planSummaryLine,
  planWarnings,
} from "./plan-describe.js";

const HEADERS = ["", "Key", "Region", "Change"] as const;

export function renderPlanMarkdown(plan: Plan): string {
  const acting = plan.keys.filter((k) => k.action.kind !== "none");
  const unchanged = plan.keys.filter((k) => k.action.kind === "none");
  const summary = hasNothingToDo(plan.summary)
    ? "**No changes.** KMS matches the file."
    : `**${planSummaryLine(plan.summary)}**`;
  const warnings = planWarnings(plan.keys).map((w) => `${w.key}: ${w.message}`);
  return blocks(
    ["### kms-rotation plan"],
    [summary, "", `Evaluated as of ${plan.now}.`],
    acting.length > 0
      ? table(
          HEADERS,
          acting.map((k) => row(k, plan.now)),
        )
      : [],
    unchanged.length > 0
      ? details(
          `${plural(unchanged.length, "unchanged key")}`,
          table(
            HEADERS,
            unchanged.map((k) => row(k, plan.now)),
          ),
        )
      : [],
    warnings.length > 0 ? ["**Warnings**", "", ...bullets(warnings)] : [],
  );
}

function row(entry: KeyPlan, now: string): string[] {
  return [changeSymbol(entry.action).trim(), entry.key, placeOf(entry), describeChange(entry, now)];
}
