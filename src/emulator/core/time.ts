// Instants as the service writes them (`YYYY-MM-DDTHH:mm:ssZ`, UTC, whole seconds).

export function formatInstant(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z`;
}

export function toSeconds(ms: number): number {
  return Math.floor(ms / 1000);
}
