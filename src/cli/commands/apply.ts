// `kms-rotation apply`: plan (or load a saved plan and check it still holds), ask, then make each change.

import { applyPlan } from "../../apply/execute.js";
import type { Connection } from "../../cli/connect.js";
import type { Plan } from "../../model/index.js";
import { applyToJson, renderApplyMarkdown, renderApplyText } from "../../render/index.js";
import type { ParsedArgs } from "../args.js";
import { formatFlag, onePositional } from "../args.js";
import { approve } from "../confirm.js";
import { type Io, useColour } from "../io.js";
import { progress } from "../progress.js";
import { isSavedPlanFile, openSavedPlan } from "../saved-plan.js";
import { openSession } from "../session.js";
import { renderPlan } from "./plan.js";

const FORMATS = ["text", "json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs, io: Io): Promise<number> {
  const file = onePositional(
    args,
    "config file or saved plan (kms-rotation apply <config.yaml | plan.json>)",
  );
  const format = formatFlag(args, FORMATS);
  const opened = (await isSavedPlanFile(file))
    ? await openSavedPlan(file, args, io)
    : await openSession(file, args, io, { moveLocalClock: true });
  if (typeof opened === "number") return opened;
  try {
    if (format !== "json") io.stdout.write(renderPlan(opened.plan, format, io));
    return await execute(opened.plan, opened.connection, opened.concurrency, args, io, format);
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
  format: Format,
): Promise<number> {
  const blockedExit = plan.summary.blocked > 0 ? 1 : 0;
  if (plan.summary.changes === 0) {
    if (format === "json")
      io.stdout.write(`${JSON.stringify(applyToJson(await nothingToDo(plan, connection)), null, 2)}\n`);
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
  io.stdout.write(`${format === "json" ? "" : "\n"}${renderResult(result, format, io)}`);
  return result.summary.failed > 0 || result.summary.blocked > 0 ? 1 : 0;
}

function nothingToDo(plan: Plan, connection: Connection) {
  return applyPlan(plan, connection.kmsFor, { now: connection.now });
}

function renderResult(result: Awaited<ReturnType<typeof applyPlan>>, format: Format, io: Io): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(applyToJson(result), null, 2)}\n`;
    case "markdown":
      return renderApplyMarkdown(result);
    case "text":
      return renderApplyText(result, { colour: useColour(io) });
    default:
      return format satisfies never;
  }
}
