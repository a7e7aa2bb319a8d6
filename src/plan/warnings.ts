// Warnings change nothing; they tell people what is coming, such as the 50-version cap. The cap date
// comes from the forecast's own schedule, so plan and forecast cannot disagree.

import { DAY, formatDuration, type ObservedKey } from "../model/index.js";
import { manualSchedule } from "./schedule.js";

const YEAR_MS = 365 * DAY * 1000;

/** A warning when the key will hit its version cap within a year at this interval. */
export function versionCapWarning(
  key: ObservedKey,
  interval: number,
  now: number,
  cap: number,
  minInterval = 0,
): string[] {
  const count = key.versionCount;
  if (count === undefined) return [];
  if (count >= cap)
    return [`the key has ${count} versions, the maximum of ${cap}: it cannot be rotated again`];
  const schedule = manualSchedule(key, interval, now, now + YEAR_MS, minInterval, cap);
  if (schedule.capAt === undefined) return [];
  const left = cap - count;
  const date = new Date(schedule.capAt).toISOString().slice(0, 10);
  return [
    `the key has ${count} of ${cap} versions and, rotating every ${formatDuration(interval)}, ` +
      `will reach the cap within a year, on ${date} (${left} more ${left === 1 ? "version" : "versions"})`,
  ];
}
