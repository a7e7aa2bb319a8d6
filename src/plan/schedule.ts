// When a key rotates next, and every time after: the arithmetic shared by the planner (is a manual key
// due? will it reach its version cap within a year?), the forecast and the audit.

import type { ObservedKey, RotationKind, RotationPolicy } from "../model/index.js";
import { lastRotation } from "./observed-policy.js";
import { rulesFor } from "./rules.js";

/** When a manual key's next version falls due (ms): its current version reaches the interval's age,
 * never sooner than the service's minimum gap. */
export function manualDueAt(key: ObservedKey, interval: number, minInterval: number): number {
  return lastRotation(key) + Math.max(interval, minInterval) * 1000;
}

/**
 * The rotations of one key in a window, as arithmetic (first instant, step, count) so that a caller can
 * bound the output before materialising it. `capAt` is when the version cap is reached (`now` when
 * already there); rotations stop there.
 */
export interface Schedule {
  readonly kind: RotationKind;
  readonly first: number;
  readonly step: number;
  readonly count: number;
  readonly capAt?: number;
  /** When the first rotation fell due, where that is before `first` (an overdue manual key). */
  readonly due?: number;
}

/**
 * The manual rotations apply would make for a key declared manual (the first when due, `now` if already
 * due), or else the automatic rotations KMS has scheduled (after `now`, up to `until`). Undefined when
 * the key will not rotate in that window.
 */
export function scheduleOf(
  declared: RotationPolicy | undefined,
  key: ObservedKey,
  now: number,
  until: number,
): Schedule | undefined {
  if (key.keyState !== "Enabled") return undefined;
  // A key declared manual rotates as apply makes it, even one KMS also rotates automatically (a key in
  // a software KMS instance): apply turns that off first.
  const manual = rulesFor(key).manual;
  if (declared?.mode === "manual" && manual.supported) {
    return manualSchedule(key, declared.interval, now, until, manual.minInterval, manual.versionCap);
  }
  if (key.automaticRotation === "Enabled") return automaticSchedule(key, now, until);
  return undefined;
}

function automaticSchedule(key: ObservedKey, now: number, until: number): Schedule | undefined {
  const next = key.nextRotationDate === undefined ? Number.NaN : Date.parse(key.nextRotationDate);
  if (key.rotationInterval === undefined || !Number.isFinite(next)) return undefined;
  const step = key.rotationInterval * 1000;
  // A date already past is a rotation the service makes at once; the rest follow every interval.
  const first = next > now ? next : next + (Math.floor((now - next) / step) + 1) * step;
  const count = first > until ? 0 : Math.floor((until - first) / step) + 1;
  return { kind: "automatic", first, step, count };
}

export function manualSchedule(
  key: ObservedKey,
  interval: number,
  now: number,
  until: number,
  minInterval: number,
  cap: number | undefined,
): Schedule {
  const step = Math.max(interval, minInterval) * 1000;
  const dueAt = manualDueAt(key, interval, minInterval);
  const first = Math.max(dueAt, now);
  const versions = key.versionCount;
  if (cap !== undefined && versions !== undefined && versions >= cap) {
    return { kind: "manual", first, step, count: 0, capAt: now };
  }
  const due = dueAt < first ? { due: dueAt } : {};
  const inWindow = first > until || !Number.isFinite(first) ? 0 : Math.floor((until - first) / step) + 1;
  const left = cap === undefined || versions === undefined ? Number.POSITIVE_INFINITY : cap - versions;
  const count = Math.min(inWindow, left);
  const capAt = count === left && count > 0 ? first + (count - 1) * step : undefined;
  return { kind: "manual", first, step, count, ...(capAt === undefined ? {} : { capAt }), ...due };
}

export function instantsOf(schedule: Schedule): number[] {
  return Array.from({ length: schedule.count }, (_, i) => schedule.first + i * schedule.step);
}
