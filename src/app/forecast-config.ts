// forecastConfig: what `kms-rotation forecast` does, as one call. Only reads: one DescribeKey per key,
// ListKeyVersions only for manual keys that rotate within the horizon.

import {
  checkInstant,
  type DesiredKey,
  type Diagnostic,
  diagnostic,
  type Forecast,
  formatDuration,
  type Observation,
  type ObservedKey,
  type Plan,
} from "../model/index.js";
import {
  DEFAULT_HORIZON,
  forecast,
  forecastProblems,
  horizonVerdict,
  MAX_FORECAST_ROTATIONS,
  MAX_HORIZON,
  scheduleOf,
  toIso,
} from "../plan/index.js";
import { reasonText } from "../words/problem-text.js";
import { readErrors } from "./kms-failures.js";
import { type RunOptions, resolveOptions } from "./options.js";
import { openSession } from "./session.js";

export interface ForecastOptions extends RunOptions {
  /** The horizon; default `now` + `horizon`. */
  readonly until?: Date;
  /** Seconds ahead when `until` is not given; default 365 days (DEFAULT_HORIZON). */
  readonly horizon?: number;
}

export interface ForecastOutcome {
  readonly forecast?: Forecast;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Every rotation between now and the horizon if nothing changes, and every key reaching its version cap.
 *
 * @example
 * ```ts
 * import { forecastConfig } from "kms-rotation";
 * const { forecast } = await forecastConfig("kms.yaml", { horizon: 90 * 86400 });
 * for (const r of forecast?.rotations ?? []) console.log(r.at, r.key, r.kind);
 * ```
 */
export async function forecastConfig(path: string, options: ForecastOptions = {}): Promise<ForecastOutcome> {
  checkInstant("until", options.until);
  // A horizon of 0 or past MAX_HORIZON is the run's diagnostic; one that is not a number is no horizon.
  if (options.horizon !== undefined && !Number.isFinite(options.horizon))
    throw new RangeError(`horizon must be a number of seconds (got ${options.horizon})`);
  // Versions are counted only for manual keys that rotate within the horizon, where the cap can fall.
  // Without --now the instant is known only once connected (the embedded KMS keeps its own clock), so
  // then every manual key that rotates at all is counted.
  const start = options.now;
  const countVersions = (d: DesiredKey, key: ObservedKey) => {
    if (d.rotation.mode !== "manual") return false;
    const from = start?.getTime() ?? 0;
    const to = start ? horizonEnd(start, options).getTime() : Number.POSITIVE_INFINITY;
    return (scheduleOf(d.rotation, key, from, to)?.count ?? 0) > 0;
  };
  const check = (now: Date) => horizonProblems(now, horizonEnd(now, options));
  const opened = await openSession(path, resolveOptions(options), {
    moveLocalClock: false,
    countVersions,
    check,
  });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  await session.connection.close();
  const now = session.connection.now;
  const until = horizonEnd(now, options);
  const subjects = session.keys.map((k) => ({
    key: k.key,
    region: k.region,
    ...(k.account === undefined ? {} : { account: k.account }),
    declared: k.rotation,
    ...(k.signing === undefined ? {} : { signing: k.signing }),
  }));
  const kept = forecastable(subjects, session.plan);
  const result = forecast(
    kept.map((i) => subjects[i] as (typeof subjects)[number]),
    kept.map((i) => session.observations[i] as Observation),
    now,
    until,
    MAX_FORECAST_ROTATIONS,
  );

  if (!result.ok) {
    const message = `the forecast holds ${result.count} rotations, more than ${result.limit}: shorten the horizon or split the fleet (--shard)`;
    return { diagnostics: [diagnostic("error", "too-many-rotations", message)] };
  }
  const shard = session.shard;
  // A declared key missing, blocked or unread is an error (CONTRACT section 2): listed in the report, and said.
  const problems = forecastProblems(session.plan);
  // Unread keys are said by readErrors, as plan says them.
  const said = blockedSaid(problems);
  return {
    forecast: { ...result.forecast, problems, ...(shard ? { shard } : {}) },
    diagnostics: [...readErrors(session.plan), ...said],
  };
}

/** One error line per blocked key (CONTRACT section 2). */
function blockedSaid(problems: ReturnType<typeof forecastProblems>): Diagnostic[] {
  return problems.flatMap((p) =>
    p.reason
      ? [
          diagnostic(
            "error",
            "blocked",
            `${p.key} in ${p.region}: ${p.reason.code}: ${reasonText(p.reason)}`,
            {
              key: p.key,
            },
          ),
        ]
      : [],
  );
}

/** Indexes of the subjects to forecast: not a signing key plan blocks (an unusable pointer, say). */
function forecastable(
  subjects: readonly { key: string; region: string; account?: string; signing?: unknown }[],
  plan: Plan,
): number[] {
  const idOf = (k: { key: string; region: string; account?: string }) =>
    `${k.key}\u0000${k.region}\u0000${k.account ?? ""}`;
  const blocked = new Set(plan.keys.filter((k) => k.action.kind === "blocked").map(idOf));
  return subjects.flatMap((s, i) => (s.signing !== undefined && blocked.has(idOf(s)) ? [] : [i]));
}

/** The horizon must lie after now and at most MAX_HORIZON ahead; said with instants to the second. */
export function horizonProblems(now: Date, until: Date): Diagnostic[] {
  const verdict = horizonVerdict((until.getTime() - now.getTime()) / 1000);
  if (verdict === "ok") return [];
  const where =
    verdict === "not-after-now"
      ? "must be after now"
      : `must be at most ${formatDuration(MAX_HORIZON)} ahead of now`;
  const message = `the horizon ${toIso(until)} ${where} (${toIso(now)})`;
  return [diagnostic("error", "horizon", message)];
}

function horizonEnd(now: Date, options: ForecastOptions): Date {
  return options.until ?? new Date(now.getTime() + (options.horizon ?? DEFAULT_HORIZON) * 1000);
}
