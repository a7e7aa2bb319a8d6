// `kms-rotation plan`: read every declared key, show what apply would change, optionally save the plan.

import { planConfig } from "../../app/index.js";
import { repeatedKeys, writePlanFile } from "../../plan-file/index.js";
import { formatsOf, PLAN_VIEWS } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs, stringFlag } from "../args.js";
import type { Io } from "../io.js";
import { savedPlanNotes } from "../next-steps.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import { idleShardMessage, interruptedOutcome, runOptions, sayIdleShard, viewOptions } from "../session.js";

const FORMATS = formatsOf(PLAN_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(args, "config file (kms-rotation plan <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const view = PLAN_VIEWS[format];
  const out = stringFlag(args, "out");
  const bar = progress(io, "Reading keys");
  const options = runOptions(args, io, {
    onRead: (done, total) => bar.update(done, total),
    onKmsEvent: (event) => bar.kms(event),
  });
  const { plan, saved, diagnostics } = await planConfig(file, options).finally(() => bar.done());
  if (!plan || !saved) return interruptedOutcome(io) ?? exit(1, diagnostics);
  const idle = sayIdleShard(idleShardMessage(plan.shard, file), format === "json", io);
  if (idle !== true) io.stdout.write(view(plan, viewOptions(io)));
  const notes = idle === true ? [] : [...idle];
  // A key that could not be read is an error entry (and a diagnostic); a plan holding one is not saved.
  if (plan.summary.errors > 0) {
    const refused =
      out === undefined
        ? []
        : [
            {
              severity: "error" as const,
              code: "plan-file",
              message: `not saving the plan to ${out}: ${plan.summary.errors} of its keys could not be read`,
            },
          ];
    return exit(1, [...diagnostics, ...refused]);
  }
  // One key declared twice (by alias and by KeyId) would be written twice, and apply refuses such a plan.
  const twice = out === undefined ? [] : repeatedKeys(plan);
  if (twice.length > 0) {
    const details = twice.map(
      (r) => `${r.again.key} is ${r.first.key} again (${r.again.keyId ?? r.again.key} in ${r.again.region})`,
    );
    return failure("plan-file", `not saving the plan to ${out}: it names one key twice; declare each once:`, {
      details,
    });
  }
  if (out !== undefined) {
    const problem = await writePlanFile(out, plan, saved, io.cwd);
    if (problem) return failure("write", problem.message);
    notes.push(...savedPlanNotes(out, plan.summary.changes, stringFlag(args, "endpoint")));
  }
  if (plan.summary.blocked > 0) return exit(1, notes);
  return exit(args.values["detailed-exitcode"] === true && plan.summary.changes > 0 ? 2 : 0, notes);
}
