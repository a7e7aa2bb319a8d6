// The forecast: every rotation between now and a horizon, in time order, and every key whose version
// cap falls inside it. Pure: observations and the clock in, a Forecast out.

import {
  type CapReached,
  DAY,
  type Forecast,
  type ForecastProblem,
  type ForecastRotation,
  type Observation,
  type Plan,
  type RotationPolicy,
  type SigningPolicy,
} from "../model/index.js";
import { instantsOf, type Schedule, scheduleOf } from "./schedule.js";
import { signingEvents } from "./signing-forecast.js";
import { toIso } from "./time.js";

export interface ForecastSubject {
  /** As the file names it. */
  readonly key: string;
  readonly region: string;
  readonly account?: string;
  readonly declared?: RotationPolicy;
  /** A signing key's windows: its promote and retire events are forecast too. */
  readonly signing?: SigningPolicy;
}

/** More rotations than this in one forecast is a mistake (a 7d key over decades, a huge fleet). */
export const MAX_FORECAST_ROTATIONS = 100_000;

/** The horizon when none is given: a year ahead. */
export const DEFAULT_HORIZON = 365 * DAY;

/** The longest horizon: ten years and a leap day or two. Past that a forecast says more about the tool. */
export const MAX_HORIZON = 3660 * DAY;

/**
 * Whether a horizon `seconds` after now can be forecast: it must lie after now and at most MAX_HORIZON
 * ahead. The one place that decides it, for `--for` and `--until` alike.
 */
export function horizonVerdict(seconds: number): "ok" | "not-after-now" | "too-far" {
  if (seconds <= 0) return "not-after-now";
  return seconds > MAX_HORIZON ? "too-far" : "ok";
}

export type ForecastResult =
  | { readonly ok: true; readonly forecast: Forecast }
  | { readonly ok: false; readonly count: number; readonly limit: number };

/** `observations[i]` is what KMS showed for `subjects[i]`; missing keys have nothing to forecast. */
export function forecast(
  subjects: readonly ForecastSubject[],
  observations: readonly Observation[],
  now: Date,
  until: Date,
  limit = MAX_FORECAST_ROTATIONS,
): ForecastResult {
  const planned: { subject: ForecastSubject; keyId: string; schedule: Schedule }[] = [];
  const events: ForecastRotation[] = [];
  subjects.forEach((subject, i) => {
    const observation = observations[i];
    if (observation?.found !== true) return;
    const schedule = scheduleOf(subject.declared, observation.key, now.getTime(), until.getTime());
    if (schedule) planned.push({ subject, keyId: observation.key.keyId, schedule });
    if (subject.signing && observation.key.keyState === "Enabled") {
      const account = subject.account === undefined ? {} : { account: subject.account };
      const base = { key: subject.key, keyId: observation.key.keyId, region: subject.region, ...account };
      for (const e of signingEvents(
        observation.key,
        subject.signing,
        schedule,
        now.getTime(),
        until.getTime(),
      ))
        events.push({ ...base, ...e });
    }
  });
  const count = planned.reduce((sum, p) => sum + p.schedule.count, 0);
  if (count > limit) return { ok: false, count, limit };
  const rotations: ForecastRotation[] = [...events];
  const capReached: CapReached[] = [];
  for (const { subject, keyId, schedule } of planned) {
    const account = subject.account === undefined ? {} : { account: subject.account };
    const base = { key: subject.key, keyId, region: subject.region, ...account };
    instantsOf(schedule).forEach((at, i) => {
      const due =
        schedule.due === undefined ? {} : { due: toIso(new Date(schedule.due + i * schedule.step)) };
      rotations.push({ ...base, at: toIso(new Date(at)), kind: schedule.kind, ...due });
    });
    if (schedule.capAt !== undefined) capReached.push({ ...base, at: toIso(new Date(schedule.capAt)) });
  }
  const order = (a: { at: string; region: string; key: string }, b: typeof a) =>
    a.at.localeCompare(b.at) || a.region.localeCompare(b.region) || a.key.localeCompare(b.key);
  return {
    ok: true,
    forecast: {
      formatVersion: 1,
      now: toIso(now),
      until: toIso(until),
      rotations: rotations.sort(order),
      capReached: capReached.sort(order),
    },
  };
}

/**
 * The declared keys a forecast cannot speak for, from the plan made of the same reads: missing keys, keys
 * blocked (they need a change that cannot be made) and keys that could not be read. A key declared `off`
 * that is `off` is not one: it simply does not rotate.
 */
export function forecastProblems(plan: Plan): ForecastProblem[] {
  return plan.keys.flatMap((k): ForecastProblem[] => {
    const where = {
      key: k.key,
      ...(k.keyId === undefined ? {} : { keyId: k.keyId }),
      region: k.region,
      ...(k.account === undefined ? {} : { account: k.account }),
    };
    if (k.action.kind === "blocked") return [{ ...where, reason: k.action.reason }];
    if (k.action.kind === "error") return [{ ...where, error: k.action.error }];
    return [];
  });
}
