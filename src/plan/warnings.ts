// Warnings change nothing; they tell people what is coming, such as the 50-version cap. The cap date
// comes from the forecast's own schedule, so plan and forecast cannot disagree.

import { DAY, type ObservedKey, type PlannedWarning } from "../model/index.js";
import { manualSchedule } from "./schedule.js";
import { toIso } from "./time.js";

const YEAR_MS = 365 * DAY * 1000;

/** A warning when the key will hit its version cap within a year at this interval. */
export function versionCapWarning(
  key: ObservedKey,
  interval: number,
  now: number,
  cap: number,
  minInterval = 0,
): PlannedWarning[] {
  const count = key.versionCount;
  if (count === undefined) return [];
  if (count >= cap) return [{ code: "VersionCapHeld", versionCount: count, cap }];
  const schedule = manualSchedule(key, interval, now, now + YEAR_MS, minInterval, cap);
  if (schedule.capAt === undefined) return [];
  return [
    { code: "VersionCapNear", versionCount: count, cap, interval, capAt: toIso(new Date(schedule.capAt)) },
  ];
}
