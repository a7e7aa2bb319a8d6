// `kms-rotation forecast`: read-only; every rotation between now and the horizon, and the keys whose
// version cap falls inside it. Exit 0, 1 on error (including a forecast too large to be useful).

import { type ForecastOptions, forecastConfig } from "../../app/index.js";
import { type Diagnostic, formatDuration, parseDuration, readInstant } from "../../model/index.js";
import { horizonVerdict, MAX_HORIZON } from "../../plan/index.js";
import { FORECAST_VIEWS, formatsOf } from "../../render/index.js";
import { formatFlag, lastGiven, onePositional, type ParsedArgs, stringFlag } from "../args.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { progress } from "../progress.js";
import { idleShardMessage, interruptedOutcome, runOptions, sayIdleShard, viewOptions } from "../session.js";
import { UsageError } from "../usage-error.js";

const FORMATS = formatsOf(FORECAST_VIEWS);

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onePositional(args, "config file (kms-rotation forecast <config.yaml>)");
  const format = formatFlag(args, FORMATS);
  const view = FORECAST_VIEWS[format];
  const horizon = horizonFlags(args);
  const bar = progress(io, "Reading keys");
  const options = runOptions(args, io, {
    onRead: (done, total) => bar.update(done, total),
    onKmsEvent: (event) => bar.kms(event),
  });
  const { forecast, diagnostics } = await forecastConfig(file, { ...options, ...horizon }).finally(() =>
    bar.done(),
  );
  if (!forecast) return interruptedOutcome(io) ?? exit(1, diagnostics.map(asUsage));
  const forMachines = format === "json" || format === "ics";
  const idle = sayIdleShard(idleShardMessage(forecast.shard, file), forMachines, io);
  if (idle !== true) io.stdout.write(view(forecast, viewOptions(io)));
  const notes = idle === true ? [] : idle;
  return exit(diagnostics.some((d) => d.severity === "error") ? 1 : 0, [...diagnostics, ...notes]);
}

function horizonFlags(args: ParsedArgs): Pick<ForecastOptions, "until" | "horizon"> {
  // Both given (a wrapper's default, then its caller's choice): the later one wins, as a repeated option.
  const later = lastGiven(args, ["until", "for"]);
  const until = later === "until" ? stringFlag(args, "until") : undefined;
  const span = later === "for" ? stringFlag(args, "for") : undefined;
  if (until !== undefined) {
    const read = readInstant(until);
    if ("error" in read) throw new UsageError(`--until: ${read.error}`);
    return { until: read.date };
  }
  // Neither: forecastConfig's default. Too near or too far is decided once (horizonVerdict, which also
  // judges --until once connected); --for is refused here, before any key is read, in the flag's words.
  if (span === undefined) return {};
  const seconds = parseDuration(span);
  const verdict = seconds === undefined || seconds < 0 ? "unreadable" : horizonVerdict(seconds);
  if (verdict === "not-after-now")
    throw new UsageError(`--for must be positive: the horizon is that long after now (got "${span}")`);
  if (verdict !== "ok" || seconds === undefined) {
    throw new UsageError(
      `--for must be an interval such as 90d, at most ${formatDuration(MAX_HORIZON)} (got "${span}")`,
    );
  }
  return { horizon: seconds };
}

/** A horizon the clock shows to be wrong is a usage error like any other: it points at the help. */
function asUsage(d: Diagnostic): Diagnostic {
  return d.code === "horizon" ? { ...d, message: `${d.message}; see \`kms-rotation forecast --help\`` } : d;
}
