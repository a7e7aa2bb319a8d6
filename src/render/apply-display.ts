// The apply display: implements apply's hooks (read progress, the plan, the question, each key's result) as
// Terraform's views implement the executor's hooks. It decides nothing and writes through the sinks it is
// given (stdout, a status line, the question), so the CLI only wires it and maps the outcome to an exit code.

import type { ApplyResult, KeyResult, Plan } from "../model/index.js";
import { painter } from "./ansi.js";
import { applyRowRenderer, renderApplyText } from "./apply-text.js";
import { hasNothingToDo, planSummaryLine } from "./plan-describe.js";
import { APPLY_VIEWS, type ApplyFormat, PLAN_VIEWS, type ViewOptions } from "./views.js";

/** The status line on a terminal (the CLI's progress): `E` is a KMS client's event. */
export interface StatusSink<E> {
  update(done: number, total: number): void;
  kms(event: E): void;
  /** Print a finished line above the status line. */
  above(write: () => void): void;
  done(): void;
}

export interface ApplyDisplayOptions<E, A extends string> {
  readonly format: ApplyFormat;
  readonly view: ViewOptions;
  /** Each key's line as it finishes (text on a terminal); elsewhere the report comes whole at the end. */
  readonly live: boolean;
  /** No question: a config is planned and applied in one pass. */
  readonly autoApprove: boolean;
  readonly write: (text: string) => void;
  /** A status line for a phase (`Reading keys`, `Applying`). */
  readonly status: (label: string) => StatusSink<E>;
  /** Ask whether to apply; `"approved"` is yes. */
  readonly ask: () => Promise<A>;
  /** The sentence for a shard with nothing to do, or undefined. */
  readonly idle: (plan: Plan) => string | undefined;
}

/** What apply calls as it goes (a subset of applyConfig's options). */
export interface ApplyHooks<E> {
  readonly onRead?: (done: number, total: number) => void;
  readonly onKmsEvent: (event: E) => void;
  readonly onStart?: (keys: readonly { key: string; region: string; account?: string }[]) => void;
  readonly onPlan: (plan: Plan) => void;
  readonly confirm?: (plan: Plan) => Promise<boolean>;
  readonly onEvent: (event: { readonly result: KeyResult; done: number; total: number }) => void;
}

export interface ApplyDisplay<E, A extends string> {
  readonly hooks: ApplyHooks<E>;
  /** The answer to the question, once asked (`"approved"` until then). */
  approval(): A | "approved";
  /** The apply result after the plan (or alone for JSON), as this format shows it. */
  showResult(plan: Plan, result: ApplyResult): void;
  /** Clear the status line. */
  close(): void;
}

/**
 * Apply's hooks as this format shows them. On a terminal, each key's line appears as it finishes, after
 * the plan (with --auto-approve its one line: the rows say the rest), and the report ends with one
 * summary. So with --auto-approve a terminal plans first and then applies, as after a "yes"; elsewhere a
 * config is planned and applied in one pass (the plan, known only then, shown first in the report at the
 * end).
 */
export function applyDisplay<E, A extends string>(o: ApplyDisplayOptions<E, A>): ApplyDisplay<E, A> {
  const summaryOnly = o.live && o.autoApprove;
  let liveRow: ((result: KeyResult) => string) | undefined;
  let rowsShown = false;
  let bar = o.status(o.autoApprove && !summaryOnly ? "Applying" : "Reading keys");
  let approval: A | "approved" = "approved";

  const onPlan = (plan: Plan) => {
    bar.done();
    const onePass = liveRow !== undefined;
    const shown = planText(o, plan, summaryOnly);
    if (shown !== undefined) o.write(`${rowsShown ? "\n" : ""}${shown}`);
    if (o.live && !onePass) {
      liveRow = applyRowRenderer(
        plan.keys.filter((k) => k.action.kind !== "none"),
        o.view,
      );
      // A saved plan run with --auto-approve: the rows follow the plan as they would after a "yes".
      if (o.autoApprove && plan.summary.changes > 0) o.write("\n");
    }
  };
  const confirm = async () => {
    approval = summaryOnly ? "approved" : await o.ask();
    if (approval === "approved") {
      bar = o.status("Applying");
      if (liveRow && !summaryOnly) o.write("\n");
    }
    return approval === "approved";
  };
  const asks = !o.autoApprove || summaryOnly;
  const hooks: ApplyHooks<E> = {
    ...(asks ? { onRead: (done: number, total: number) => bar.update(done, total) } : {}),
    onKmsEvent: (event) => bar.kms(event),
    ...(o.live && !asks ? { onStart: (keys) => (liveRow = applyRowRenderer(keys, o.view)) } : {}),
    onPlan,
    ...(asks ? { confirm } : {}),
    onEvent: (e) => {
      const line = liveRow?.(e.result);
      if (line) {
        rowsShown = true;
        bar.above(() => o.write(line));
      }
      bar.update(e.done, e.total);
    },
  };
  return {
    hooks,
    approval: () => approval,
    showResult(plan, result) {
      const shown = resultText(o, plan, result, liveRow !== undefined);
      if (shown !== undefined) o.write(shown);
    },
    close: () => bar.done(),
  };
}

/**
 * The plan as this format shows it before the result, or undefined: JSON output is the apply result alone,
 * and a shard with nothing to do says so in its own sentence. With --auto-approve on a terminal, one line.
 */
function planText<E, A extends string>(
  o: ApplyDisplayOptions<E, A>,
  plan: Plan,
  summaryOnly: boolean,
): string | undefined {
  if (o.format === "json" || o.idle(plan)) return undefined;
  return summaryOnly ? planLine(plan, o.view) : PLAN_VIEWS[o.format](plan, o.view);
}

/**
 * The apply result after the plan, as this format shows it, or undefined when there is nothing to add.
 * People see the plan first, then a blank line, then the result; after rows shown live, only the summary.
 */
function resultText<E, A extends string>(
  o: ApplyDisplayOptions<E, A>,
  plan: Plan,
  result: ApplyResult,
  rowsLive: boolean,
): string | undefined {
  const afterRows = () => `\n${renderApplyText(result, { ...o.view, rowsShown: true })}`;
  if (plan.summary.changes === 0 && !result.interrupted) {
    if (o.format === "json") return APPLY_VIEWS[o.format](result, o.view);
    // The plan's one line said only how many were not read: the row saying why, and the summary.
    return o.live && o.autoApprove && plan.summary.errors > 0 ? afterRows() : undefined;
  }
  if (rowsLive) return afterRows();
  return `${o.format === "json" ? "" : "\n"}${APPLY_VIEWS[o.format](result, o.view)}`;
}

/** The plan as one line, before the rows of what apply does with it (`--auto-approve` on a terminal). */
function planLine(plan: Plan, view: ViewOptions): string {
  const paint = painter(view.colour);
  const line = hasNothingToDo(plan.summary)
    ? "No changes. KMS matches the file."
    : planSummaryLine(plan.summary);
  return `${paint("bold", line)}\n`;
}
