// ISO-8601 instants as people write them on the command line (--now, --until, --clock): a date
// (midnight UTC), or a date and time with a zone. One rule for every flag that takes one.

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** The instant, or undefined for anything else (no zone, an impossible date, free text). */
export function parseInstant(text: string): Date | undefined {
  const read = readInstant(text);
  return "date" in read ? read.date : undefined;
}

/**
 * The instant, or why the text is not one. `Date` rolls 2027-02-30 over to March 2nd; a day the
 * calendar does not have (or 25:00) is refused here, as the config refuses such an `expires`.
 */
export function readInstant(text: string): { readonly date: Date } | { readonly error: string } {
  const quoted = JSON.stringify(text);
  const m = INSTANT.exec(text);
  if (!m) return { error: `${quoted} is not an ISO-8601 instant such as 2026-11-23T00:00:00Z` };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day || year < 1) {
    return { error: `${quoted} is not a calendar date` };
  }
  if (Number(m[5] ?? 0) > 23 || Number(m[6] ?? 0) > 59 || Number(m[8] ?? 0) > 59) {
    return { error: `${quoted} is not a time of day` };
  }
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? { error: `${quoted} is not an ISO-8601 instant` } : { date };
}

/** A Date option that is an Invalid Date is a RangeError naming it (no call can mean anything by it). */
export function checkInstant(name: string, date: Date | undefined): void {
  if (date !== undefined && !Number.isFinite(date.getTime()))
    throw new RangeError(`${name} must be a valid Date`);
}
