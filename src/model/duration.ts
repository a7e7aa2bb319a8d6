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

/**
 * `"90d"` to seconds (7776000); undefined for anything that is not `<integer><d|h|m|s>`.
 *
 * @example
 * ```ts
 * parseDuration("720h") === parseDuration("30d"); // true
 * ```
 */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [, amount, unit] = match as unknown as [string, string, keyof typeof UNIT_SECONDS];
  const seconds = Number(amount) * UNIT_SECONDS[unit];
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/**
 * Seconds to the largest unit that divides the length exactly: 7776000 to `"90d"`.
 *
 * @example
 * ```ts
 * formatDuration(2592000); // "30d"
 * ```
 */
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
