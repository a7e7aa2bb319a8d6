// `kms-rotation drift`: read-only; a status per key, exit 2 when anything is not in sync.

import { driftConfig } from "../../app/index.js";
import { DRIFT_VIEWS, formatsOf } from "../../render/index.js";
import { formatFlag, onePositional, type ParsedArgs, stringFlag } from "../args.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import { idleShardMessage, interruptedOutcome, runOptions, sayIdleShard, viewOptions } from "../session.js";

const FORMATS = formatsOf(DRIFT_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(args, "config file (kms-rotation drift <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const view = DRIFT_VIEWS[format];
  const published = stringFlag(args, "published");
  const bar = progress(io, "Reading keys");
  const options = runOptions(args, io, {
    onRead: (done, total) => bar.update(done, total),
    onKmsEvent: (event) => bar.kms(event),
  });
  const { report, diagnostics } = await driftConfig(file, {
    ...options,
    includeUnmanaged: args.values["include-unmanaged"] === true,
    ...(published === undefined ? {} : { published }),
  }).finally(() => bar.done());
  if (!report) return interruptedOutcome(io) ?? exit(1, diagnostics);
  const idle = sayIdleShard(
    idleShardMessage(report.shard, file),
    format === "json" || format === "junit" || format === "openmetrics",
    io,
  );
  if (idle !== true) io.stdout.write(view(report, viewOptions(io)));
  const notes = idle === true ? [] : idle;
  // A key that could not be read (status error, and a diagnostic) is an error, not drift: exit 1.
  if (report.keys.some((k) => k.status === "error")) return exit(1, diagnostics);
  return exit(report.inSync ? 0 : 2, [...diagnostics, ...notes]);
}
