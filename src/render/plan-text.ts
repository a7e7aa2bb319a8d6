// The plan for people at a terminal, Terraform-like: one line per change, a summary line last.

import type { ReadError } from "../model/observed.js";
import type { KeyPlan, Plan } from "../model/plan.js";
import { painter } from "./ansi.js";
import { collapseAlike, failureKind, type Row, renderRows } from "./columns.js";
import { oneLine, placeOf, regionsOf } from "./describe.js";
import {
  changeSymbol,
  describeChange,
  hasNothingToDo,
  planSummaryLine,
  planWarnings,
} from "./plan-describe.js";
import { wrapLine } from "./wrap.js";

export interface PlanTextOptions {
  /** ANSI colour; the CLI sets it only on a TTY without NO_COLOR. */
  readonly colour: boolean;
  /** Terminal width to wrap long lines at, with a hanging indent; none: no wrapping. */
  readonly width?: number;
  /** Also list keys with nothing to do. */
  readonly verbose?: boolean;
}

const SYMBOL_STYLE = { "~": "yellow", "+": "green", "!": "red", "?": "red", " ": undefined } as const;

export function renderPlanText(plan: Plan, options: PlanTextOptions): string {
  const paint = painter(options.colour);
  const regions = regionsOf(plan.keys);
  const header = `Plan as of ${plan.now}${regions.length > 0 ? ` (${regions.join(", ")})` : ""}`;
  const toRow = (k: KeyPlan): Row => {
    const symbol = changeSymbol(k.action);
    return {
      symbol,
      key: k.key,
      region: placeOf(k),
      text: describeChange(k, plan.now),
      style: SYMBOL_STYLE[symbol],
      dimAll: symbol === " ",
    };
  };
  const shown = plan.keys.filter((k) => options.verbose || k.action.kind !== "none");
  const rows = collapseAlike(shown, toRow, unreadAlike, (k) =>
    k.action.kind === "error" ? `error: none could be read: ${errorText(k.action.error)}` : "",
  );
  const warnings = planWarnings(plan.keys).flatMap((w) => {
    const [first = "", ...rest] = wrapLine(`${w.key}: ${w.message}`, options.width, "  warning: ", 4);
    return [`  ${paint("yellow", "warning:")}${first.slice("  warning:".length)}`, ...rest];
  });
  const footer = hasNothingToDo(plan.summary)
    ? paint("bold", "No changes. KMS matches the file.")
    : paint("bold", planSummaryLine(plan.summary));
  const body = [...renderRows(rows, regions.length > 1, paint, options.width), ...warnings];
  return `${[paint("bold", header), "", ...body, ...(body.length > 0 ? [""] : []), footer].join("\n")}\n`;
}

/** Keys that could not be read for the same reason share one line (a dead endpoint: one per region). */
function unreadAlike(k: KeyPlan): string | undefined {
  return k.action.kind === "error" ? failureKind(k.action.error.code, k.action.error.message) : undefined;
}

function errorText(error: ReadError): string {
  return `${error.code}: ${oneLine(error.message)}`;
}
