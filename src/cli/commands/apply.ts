// `kms-rotation apply`: plan (or load a saved plan and check it still holds), ask, then make each change.
// With --auto-approve on a config, planning and applying are one pass (the plan is shown when done).
// Interrupted, it reports what was done and what was not attempted, and exits 130.

import { type ApplyOutcome, applyConfig, applyInputProblems } from "../../app/index.js";
import type { KmsEvent } from "../../kms/events.js";
import { type ApplyDisplay, applyDisplay } from "../../render/apply-display.js";
import { APPLY_VIEWS, formatsOf } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs } from "../args.js";
import { type Approval, approve } from "../confirm.js";
import type { Io } from "../io.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import {
  INTERRUPTED_EXIT,
  idleShardMessage,
  interruptedOutcome,
  runOptions,
  viewOptions,
} from "../session.js";

const FORMATS = formatsOf(APPLY_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(
    args,
    "config file or saved plan (kms-rotation apply <config.yaml | plan.json>)",
  );
  const format = formatFlag(args, FORMATS);
  const autoApprove = args.values["auto-approve"] === true;
  const run = { ...runOptions(args, io), allowClockSkew: args.values["allow-clock-skew"] === true };
  // No one can answer the question: refuse before reading any key (flags checked first), rather than
  // spend the read quota on a plan no one can approve.
  if (!autoApprove && !io.stdin.isTTY) {
    const problems = await applyInputProblems(file, run);
    return problems.length > 0 ? exit(1, problems) : notApproved();
  }
  const display = applyDisplay<KmsEvent, Approval>({
    format,
    view: viewOptions(io),
    live: format === "text" && Boolean(io.stdout.isTTY),
    autoApprove,
    write: (text) => io.stdout.write(text),
    status: (label) => progress(io, label),
    ask: () => approve(io, false),
    idle: (plan) => idleShardMessage(plan.shard, file),
  });
  const outcome = await applyConfig(file, { ...run, ...display.hooks }).finally(() => display.close());
  return outcomeOf(outcome, display, { io, file, format });
}

/** The exit code and diagnostics of an apply, once the display has shown what it did. */
function outcomeOf(
  outcome: ApplyOutcome,
  display: ApplyDisplay<KmsEvent, Approval>,
  { io, file, format }: { io: Io; file: string; format: string },
): Outcome {
  const { plan, result } = outcome;
  if (!plan) return interruptedOutcome(io) ?? exit(1, outcome.diagnostics);
  if (outcome.declined) {
    // Ctrl-C (or SIGTERM) at the prompt is an interrupt, not an answer: exit 130 as the contract says.
    const interrupted = interruptedOutcome(io);
    if (interrupted) return interrupted;
    return display.approval() === "no-tty"
      ? notApproved()
      : exit(1, [{ severity: "note", code: "declined", message: "Apply cancelled; nothing was changed." }]);
  }
  if (!result) return exit(1, outcome.diagnostics);
  const idle = idleShardMessage(plan.shard, file);
  if (idle !== undefined) {
    if (format === "json") io.stdout.write(APPLY_VIEWS.json(result, viewOptions(io)));
    else io.stdout.write(`${idle}\n`);
    return exit(0, format === "json" ? [{ severity: "note", code: "shard", message: idle }] : []);
  }
  display.showResult(plan, result);
  const unreadable = plan.summary.errors > 0;
  if (plan.summary.changes === 0 && !result.interrupted)
    return exit(plan.summary.blocked > 0 || unreadable ? 1 : 0, outcome.diagnostics);
  if (result.interrupted) {
    const { applied, notAttempted } = result.summary;
    // A saved plan whose keys were partly changed is stale from now on: only a fresh plan can finish.
    const next = outcome.savedPlan ? "run plan again, then apply" : "run apply again to finish";
    // The text and Markdown reports end with the counts already: one summary, and the next step.
    const message =
      format === "json"
        ? `Apply interrupted: ${applied} applied, ${notAttempted} not attempted; ${next}.`
        : `${next.charAt(0).toUpperCase()}${next.slice(1)}.`;
    return exit(INTERRUPTED_EXIT, [
      ...outcome.diagnostics,
      { severity: "note", code: "interrupted", message },
    ]);
  }
  return exit(result.verdict === "failed" || unreadable ? 1 : 0, outcome.diagnostics);
}

function notApproved(): Outcome {
  return failure(
    "not-approved",
    "apply needs --auto-approve when not run on a terminal; nothing was changed",
  );
}
