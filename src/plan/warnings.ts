// Warnings change nothing; they tell people what is coming, such as the 50-version cap.

import { DAY, formatDuration, type ObservedKey } from "../model/index.js";
import { lastRotation } from "./observed-policy.js";

const YEAR_MS = 365 * DAY * 1000;

/** A warning when the key will hit its version cap within a year at this interval. */
export function versionCapWarning(key: ObservedKey, interval: number, now: number, cap: number): string[] {
  const count = key.versionCount;
  if (count === undefined) return [];
  if (count >= cap)
    return [`the key has ${count} versions, the maximum of ${cap}: it cannot be rotated again`];
  const last = lastRotation(key);
  if (!Number.isFinite(last)) return [];
  const rotationsWithinYear = Math.max(0, Math.floor((now + YEAR_MS - last) / (interval * 1000)));
  if (count + rotationsWithinYear < cap) return [];
  const left = cap - count;
  return [
    `the key has ${count} of ${cap} versions and, rotating every ${formatDuration(interval)}, ` +
      `will reach the cap within a year (${left} more ${left === 1 ? "version" : "versions"})`,
  ];
}
