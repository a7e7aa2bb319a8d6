// `kms-rotation apply`: plan (or load a saved plan and check it still holds), ask, then make each change.

import { applyPlan } from "../../apply/execute.js";
import type { ApplyResult, Plan } from "../../model/index.js";
import { isPlanFile } from "../../plan-file/index.js";
import { APPLY_VIEWS, formatsOf, PLAN_VIEWS, type View, type ViewOptions } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional } from "../args.js";
import { approve } from "../confirm.js";
import type { Connection } from "../connect.js";
import { type Io, useColour } from "../io.js";
import { progress } from "../progress.js";
import { openSavedPlan } from "../saved-plan.js";
import { openSession } from "../session.js";

const FORMATS = formatsOf(APPLY_VIEWS);

interface Views {
  /** JSON output is the apply result alone; people see the plan first. */
  readonly plan?: View<Plan>;
  readonly result: View<ApplyResult>;
  readonly options: ViewOptions;
  /** A blank line between the plan and the result for people. */
  readonly separator: string;
}

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(
    args,
    "config file or saved plan (kms-rotation apply <config.yaml | plan.json>)",
  );
  const format = formatFlag(args, FORMATS);
  const views: Views = {
    ...(format === "json" ? {} : { plan: PLAN_VIEWS[format] }),
    result: APPLY_VIEWS[format],
    options: { colour: useColour(io) },
    separator: format === "json" ? "" : "\n",
  };
  const opened = (await isPlanFile(file))
    ? await openSavedPlan(file, args, io)
    : await openSession(file, args, io, { moveLocalClock: true });
  if (typeof opened === "number") return opened;
  try {
    if (views.plan) io.stdout.write(views.plan(opened.plan, views.options));
    return await execute(opened.plan, opened.connection, opened.concurrency, args, io, views);
  } finally {
    await opened.connection.close();
  }
}

async function execute(
  plan: Plan,
  connection: Connection,
  concurrency: number,
  args: ParsedArgs,
  io: Io,
  views: Views,
): Promise<number> {
  const blockedExit = plan.summary.blocked > 0 ? 1 : 0;
  if (plan.summary.changes === 0) {
    if (!views.plan) io.stdout.write(views.result(await nothingToDo(plan, connection), views.options));
    return blockedExit;
  }
  const approval = await approve(io, args.values["auto-approve"] === true);
  if (approval !== "approved") {
    io.stderr.write(
      approval === "no-tty"
        ? "error: apply needs --auto-approve when not run on a terminal; nothing was changed\n"
        : "Apply cancelled; nothing was changed.\n",
    );
    return 1;
  }
  const bar = progress(io, "Applying");
  const result = await applyPlan(plan, connection.kmsFor, {
    now: connection.now,
    concurrency,
    signal: io.signal,
    onEvent: (e) => bar.update(e.done, e.total),
  }).finally(() => bar.done());
  io.stdout.write(`${views.separator}${views.result(result, views.options)}`);
  return result.verdict === "failed" ? 1 : 0;
}

function nothingToDo(plan: Plan, connection: Connection) {
  return applyPlan(plan, connection.kmsFor, { now: connection.now });
}
