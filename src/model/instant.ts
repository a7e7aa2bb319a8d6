// ISO-8601 instants as people write them on the command line (--now, --until, --clock): a date
// (midnight UTC), or a date and time with a zone. One rule for every flag that takes one.

const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

/** The instant, or undefined for anything else (no zone, an impossible date, free text). */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
