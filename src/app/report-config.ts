// auditConfig and forecastConfig: what `kms-rotation audit` and `forecast` do, as one call each. Both
// only read: one DescribeKey per key, ListKeyVersions only for keys declared manual.

import {
  type AuditReport,
  BASELINE_POLICY,
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
  type AuditSubject,
  auditCountsVersions,
  auditKey,
  auditReport,
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
import { kmsFailure, readErrors } from "./kms-failures.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";
import { openSession, type Session } from "./session.js";
import { undeclaredKeys } from "./undeclared.js";

export interface AuditOptions extends RunOptions {
  /** Also judge every key of the declared regions that the file does not declare. */
  readonly includeUnmanaged?: boolean;
}

export interface AuditOutcome {
  readonly report?: AuditReport;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads every declared key (and with `includeUnmanaged` every key of their regions) and judges each
 * against the file's `policy:` (or, when it states none, yearly rotation required).
 *
 * @example
 * ```ts
 * import { auditConfig } from "kms-rotation";
 * const { report } = await auditConfig("kms.yaml", { includeUnmanaged: true });
 * if (report && report.summary.nonCompliant > 0) process.exitCode = 2;
 * ```
 */
export async function auditConfig(path: string, options: AuditOptions = {}): Promise<AuditOutcome> {
  // Versions are counted for keys declared manual (section 9's versionCount, and whether the cap stops
  // the next version): one ListKeyVersions each beyond the DescribeKey every key gets.
  const countVersions = (d: DesiredKey, key: ObservedKey) => auditCountsVersions(d.rotation, key);
  const run = resolveOptions(options);
  const opened = await openSession(path, run, { moveLocalClock: false, countVersions });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  try {
    const { config, connection } = session;
    const policy = config.policy ?? BASELINE_POLICY;
    // The session's keys: those of its shard, in the order of its observations.
    const declared = session.keys.map((k, i) => ({
      subject: {
        key: k.key,
        region: k.region,
        ...(k.account === undefined ? {} : { account: k.account }),
        declared: k.rotation,
        ...(k.signing === undefined ? {} : { signing: k.signing }),
        ...(k.exception ? { exception: k.exception } : {}),
        ...(k.source ? { source: k.source } : {}),
      },
      observation: session.observations[i] as Observation,
    }));
    const unmanaged = options.includeUnmanaged ? await unmanagedKeys(session, run) : [];
    const entries = [...declared, ...unmanaged].map(({ subject, observation }) =>
      auditKey(subject, observation, policy, connection.now),
    );
    const source = config.policy ? "config" : "baseline";
    const report = auditReport(entries, policy, source, connection.now);
    return {
      report: session.shard ? { ...report, shard: session.shard } : report,
      diagnostics: readErrors(session.plan),
    };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await session.connection.close();
  }
}

/** Every key of the declared regions the file does not declare: evidence covers the whole region,
 * ignore rules included (they are about management, not compliance). */
async function unmanagedKeys(
  session: Session,
  run: Resolved,
): Promise<{ subject: AuditSubject; observation: Observation }[]> {
  const units = await undeclaredKeys(session, run, { withTags: false });
  return units.flatMap(({ account, keys }) =>
    keys.map(({ key, aliases }) => ({
      subject: {
        key: aliases[0] ?? key.keyId,
        region: key.region,
        ...(account === undefined ? {} : { account }),
      },
      observation: { found: true as const, key },
    })),
  );
}

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
