// `kms-rotation plan`: read every declared key, show what apply would change, optionally save the plan.

import { planRun, savePlan } from "../../app/index.js";
import { formatsOf, PLAN_VIEWS } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs, stringFlag } from "../args.js";
import type { Io } from "../io.js";
import { savedPlanNotes } from "../next-steps.js";
import { exit, type Outcome } from "../outcome.js";
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
  // Only a plan that is saved keeps what saving needs (each key's fingerprint).
  const saving = out !== undefined;
  const { plan, saved, diagnostics } = await planRun(file, options, saving).finally(() => bar.done());
  if (!plan || (saving && !saved)) return interruptedOutcome(io) ?? exit(1, diagnostics);
  const idle = sayIdleShard(idleShardMessage(plan.shard, file), format === "json", io);
  if (idle !== true) io.stdout.write(view(plan, viewOptions(io)));
  const notes = idle === true ? [] : [...idle];
  if (out !== undefined && saved) {
    const refused = await savePlan(out, plan, saved, io.cwd);
    if (refused) return exit(1, plan.summary.errors > 0 ? [...diagnostics, refused] : [refused]);
    notes.push(...savedPlanNotes(out, plan.summary.changes, stringFlag(args, "endpoint")));
  }
  if (plan.summary.errors > 0) return exit(1, diagnostics);
  if (plan.summary.blocked > 0) return exit(1, notes);
  return exit(args.values["detailed-exitcode"] === true && plan.summary.changes > 0 ? 2 : 0, notes);
}
