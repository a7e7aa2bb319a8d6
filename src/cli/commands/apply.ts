// `kms-rotation apply`: plan (or load a saved plan and check it still holds), ask, then make each change.
// With --auto-approve on a config, planning and applying are one pass (the plan is shown when done).
// Interrupted, it reports what was done and what was not attempted, and exits 130.

import { applyConfig, applyInputProblems } from "../../app/index.js";
import type { KeyResult } from "../../model/index.js";
import { APPLY_VIEWS, applyRowRenderer, formatsOf, PLAN_VIEWS, renderApplyText } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs } from "../args.js";
import { type Approval, approve } from "../confirm.js";
import type { Io } from "../io.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { type Progress, progress } from "../progress.js";
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
  // JSON output is the apply result alone; people see the plan first, then a blank line, then the result.
  const planView = format === "json" ? undefined : PLAN_VIEWS[format];
  const resultView = APPLY_VIEWS[format];
  const options = viewOptions(io);
  const autoApprove = args.values["auto-approve"] === true;
  const run = runOptions(args, io);
  // No one can answer the question: refuse before reading any key (flags checked first), rather than
  // spend the read quota on a plan no one can approve.
  if (!autoApprove && !io.stdin.isTTY) {
    const problems = await applyInputProblems(file, run);
    return problems.length > 0 ? exit(1, problems) : notApproved();
  }
  // On a terminal, each key's line appears as it finishes; the report then ends with the summary alone.
  // After a plan shown first (a saved plan, an interactive "yes"), the lines follow it; in one pass
  // (--auto-approve on a config) they come while keys are read, and the plan, known only then, follows.
  // Elsewhere the output is the report, whole, at the end.
  const live = format === "text" && Boolean(io.stdout.isTTY);
  let liveRow: ((result: KeyResult) => string) | undefined;
  let rowsShown = false;
  let bar: Progress = progress(io, autoApprove ? "Applying" : "Reading keys");
  let approval = "approved" as Approval;
  const outcome = await applyConfig(file, {
    ...run,
    ...(autoApprove ? {} : { onRead: (done: number, total: number) => bar.update(done, total) }),
    onKmsEvent: (event) => bar.kms(event),
    ...(live ? { onStart: (keys) => (liveRow = applyRowRenderer(keys, options)) } : {}),
    onPlan: (plan) => {
      bar.done();
      const onePass = liveRow !== undefined;
      if (planView && !idleShardMessage(plan.shard, file))
        io.stdout.write(`${rowsShown ? "\n" : ""}${planView(plan, options)}`);
      if (live && !onePass) {
        liveRow = applyRowRenderer(
          plan.keys.filter((k) => k.action.kind !== "none"),
          options,
        );
        // A saved plan run with --auto-approve: the rows follow the plan as they would after a "yes".
        if (autoApprove && plan.summary.changes > 0) io.stdout.write("\n");
      }
    },
    // Without a question to ask, a config is planned and applied in one pass.
    ...(autoApprove
      ? {}
      : {
          confirm: async () => {
            approval = await approve(io, false);
            if (approval === "approved") {
              bar = progress(io, "Applying");
              if (liveRow) io.stdout.write("\n");
            }
            return approval === "approved";
          },
        }),
    onEvent: (e) => {
      const line = liveRow?.(e.result);
      if (line) {
        rowsShown = true;
        bar.above(() => io.stdout.write(line));
      }
      bar.update(e.done, e.total);
    },
  }).finally(() => bar.done());
  const { plan, result } = outcome;
  if (!plan) return interruptedOutcome(io) ?? exit(1, outcome.diagnostics);
  if (outcome.declined) {
    // Ctrl-C (or SIGTERM) at the prompt is an interrupt, not an answer: exit 130 as the contract says.
    const interrupted = interruptedOutcome(io);
    if (interrupted) return interrupted;
    return approval === "no-tty"
      ? notApproved()
      : exit(1, [{ severity: "note", code: "declined", message: "Apply cancelled; nothing was changed." }]);
  }
  if (!result) return exit(1, outcome.diagnostics);
  const idle = idleShardMessage(plan.shard, file);
  if (idle !== undefined) {
    if (format === "json") io.stdout.write(resultView(result, options));
    else io.stdout.write(`${idle}\n`);
    return exit(0, format === "json" ? [{ severity: "note", code: "shard", message: idle }] : []);
  }
  const unreadable = plan.summary.errors > 0;
  if (plan.summary.changes === 0 && !result.interrupted) {
    if (!planView) io.stdout.write(resultView(result, options));
    return exit(plan.summary.blocked > 0 || unreadable ? 1 : 0, outcome.diagnostics);
  }
  if (liveRow) io.stdout.write(`\n${renderApplyText(result, { ...options, rowsShown: true })}`);
  else io.stdout.write(`${planView ? "\n" : ""}${resultView(result, options)}`);
  if (result.interrupted) {
    const { applied, notAttempted } = result.summary;
    // A saved plan whose keys were partly changed is stale from now on: only a fresh plan can finish.
    const next = outcome.savedPlan ? "run plan again, then apply" : "run apply again to finish";
    const message = `Apply interrupted: ${applied} applied, ${notAttempted} not attempted; ${next}.`;
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
