// Instants as every report writes them.

/** `2026-11-23T00:00:00Z`: the service's form, without milliseconds. */
export function toIso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
