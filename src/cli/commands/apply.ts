// `kms-rotation apply`: plan (or load a saved plan and check it still holds), ask, then make each change.

import { applyConfig } from "../../library/index.js";
import { APPLY_VIEWS, formatsOf, PLAN_VIEWS } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs } from "../args.js";
import { type Approval, approve } from "../confirm.js";
import type { Io } from "../io.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { type Progress, progress } from "../progress.js";
import { runOptions, viewOptions } from "../session.js";

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
  let bar: Progress = progress(io, "Reading keys");
  let approval = "approved" as Approval;
  const outcome = await applyConfig(file, {
    ...runOptions(args, io, { onRead: (done, total) => bar.update(done, total) }),
    onPlan: (plan) => {
      bar.done();
      if (planView) io.stdout.write(planView(plan, options));
    },
    confirm: async () => {
      approval = await approve(io, args.values["auto-approve"] === true);
      if (approval === "approved") bar = progress(io, "Applying");
      return approval === "approved";
    },
    onEvent: (e) => bar.update(e.done, e.total),
  }).finally(() => bar.done());
  const { plan, result } = outcome;
  if (!plan) return exit(1, outcome.diagnostics);
  if (outcome.declined) {
    return approval === "no-tty"
      ? failure("not-approved", "apply needs --auto-approve when not run on a terminal; nothing was changed")
      : exit(1, [{ severity: "note", code: "declined", message: "Apply cancelled; nothing was changed." }]);
  }
  if (!result) return exit(1, outcome.diagnostics);
  if (plan.summary.changes === 0) {
    if (!planView) io.stdout.write(resultView(result, options));
    return exit(plan.summary.blocked > 0 ? 1 : 0);
  }
  io.stdout.write(`${planView ? "\n" : ""}${resultView(result, options)}`);
  return exit(result.verdict === "failed" ? 1 : 0, outcome.diagnostics);
}
