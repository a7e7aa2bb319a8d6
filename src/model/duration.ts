// Durations: parsed once at the edge into whole seconds; formatted back only for people and files.

export const SECOND = 1;
export const MINUTE = 60;
export const HOUR = 3_600;
export const DAY = 86_400;

/** The service's bounds, in seconds. */
export const MIN_ROTATION_INTERVAL = 7 * DAY;
export const MAX_AUTOMATIC_INTERVAL = 730 * DAY;
/** Keys in a KMS instance (the newer generation) rotate automatically every 7 to 365 days. */
export const MAX_INSTANCE_AUTOMATIC_INTERVAL = 365 * DAY;

const UNIT_SECONDS = { d: DAY, h: HOUR, m: MINUTE, s: SECOND } as const;
const DURATION = /^([0-9]{1,12})([dhms])$/;

/** `"90d"` -> 7776000; `undefined` for anything that is not `<integer><d|h|m|s>`. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof UNIT_SECONDS];
  const seconds = Number(amount) * UNIT_SECONDS[unit];
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** 7776000 -> `"90d"`: the largest unit that divides the length exactly. */
export function formatDuration(seconds: number): string {
  for (const [unit, size] of Object.entries(UNIT_SECONDS)) {
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}

/** The form KMS reports RotationInterval in: `"2592000s"`. */
export function formatServiceInterval(seconds: number): string {
  return `${seconds}s`;
}

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
