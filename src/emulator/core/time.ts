// Instants as the service writes them (`YYYY-MM-DDTHH:mm:ssZ`, UTC, whole seconds).

export function formatInstant(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** The last instant the service's dates can show: their years have four digits. */
export const LATEST_INSTANT_MS = Date.parse("9999-12-31T23:59:59Z");
/** The first: year 1 (ISO year 0 and before print with a sign). */
export const EARLIEST_INSTANT_MS = Date.parse("0001-01-01T00:00:00Z");

/** Why the emulator cannot hold this instant (epoch ms, NaN included); undefined when it can. */
export function instantRangeProblem(ms: number): string | undefined {
  if (ms <= LATEST_INSTANT_MS && ms >= EARLIEST_INSTANT_MS) return undefined;
  return ms < EARLIEST_INSTANT_MS
    ? "is before 0001-01-01T00:00:00Z, the first instant the service's 4-digit-year dates can show"
    : "is past 9999-12-31T23:59:59Z, the last instant the service's 4-digit-year dates can show";
}
