// The one statement of the service's interval ranges in words, for the config file, the Pulumi inputs and
// the shipped schemas' messages.

import { formatDuration, MAX_AUTOMATIC_INTERVAL, MIN_ROTATION_INTERVAL } from "../model/duration.js";

/**
 * What is wrong with an interval for a mode, or undefined when the service accepts it: automatic 7d..730d,
 * manual at least 7d. The one statement of the range, for the config file and the Pulumi inputs.
 */
export function intervalProblem(
  mode: "automatic" | "manual",
  text: string,
  seconds: number | undefined,
): string | undefined {
  if (seconds === undefined) return `${text} is too long to be an interval`;
  if (mode === "automatic" && (seconds < MIN_ROTATION_INTERVAL || seconds > MAX_AUTOMATIC_INTERVAL)) {
    return `${text} is out of range for automatic rotation (${intervalRangeText(mode)})`;
  }
  if (mode === "manual" && seconds < MIN_ROTATION_INTERVAL) {
    return `${text} is too short for manual rotation (${intervalRangeText(mode)})`;
  }
  return undefined;
}

/** `7d to 730d` for automatic, `at least 7d` for manual. */
export function intervalRangeText(mode: "automatic" | "manual"): string {
  const min = formatDuration(MIN_ROTATION_INTERVAL);
  return mode === "automatic" ? `${min} to ${formatDuration(MAX_AUTOMATIC_INTERVAL)}` : `at least ${min}`;
}
