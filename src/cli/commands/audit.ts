// `kms-rotation audit`: read-only evidence per key, judged against the file's policy (or the baseline).
// Exit 0 when no key breaks the policy, 2 when one does, 1 on error.

import { auditConfig } from "../../app/index.js";
import { AUDIT_VIEWS, formatsOf } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs } from "../args.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import { idleShardMessage, interruptedOutcome, runOptions, sayIdleShard, viewOptions } from "../session.js";

const FORMATS = formatsOf(AUDIT_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(args, "config file (kms-rotation audit <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const view = AUDIT_VIEWS[format];
  const bar = progress(io, "Reading keys");
  const options = runOptions(args, io, {
    onRead: (done, total) => bar.update(done, total),
    onKmsEvent: (event) => bar.kms(event),
  });
  const { report, diagnostics } = await auditConfig(file, {
    ...options,
    includeUnmanaged: args.values["include-unmanaged"] === true,
  }).finally(() => bar.done());
  if (!report) return interruptedOutcome(io) ?? exit(1, diagnostics);
  const forMachines = format !== "text" && format !== "markdown";
  const idle = sayIdleShard(idleShardMessage(report.shard, file), forMachines, io);
  if (idle !== true) io.stdout.write(view(report, viewOptions(io, file)));
  const notes = idle === true ? [] : idle;
  // A key that could not be read is an error (a diagnostic), not evidence of a breach: exit 1.
  if (diagnostics.some((d) => d.severity === "error")) return exit(1, diagnostics);
  return exit(report.summary.nonCompliant > 0 ? 2 : 0, [...diagnostics, ...notes]);
}
