// One frame of the terminal status line: `Applying 412/1000 · 38/s · ETA 0:15 · 0:11 elapsed`, and what
// KMS is making us go through (throttling, retries). The CLI redraws it on stderr in place, so it is one
// line that fits the terminal: the least useful parts go first when it is narrow.

export interface StatusFrame {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** Since this phase began. */
  readonly elapsedMs: number;
  /** Keys per second now (over the last seconds); absent: the average since the phase began. */
  readonly rate?: number;
  /** Calls the service throttled. */
  readonly throttled?: number;
  /** The paced rate after the last throttle (calls/s): given only while it is still the pace. */
  readonly pacedRate?: number;
  /** Calls retried after faults (5xx, resets, timeouts). */
  readonly retries?: number;
}

/** `0:07`, `1:05`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

const perSecond = (rate: number) => `${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`;

/**
 * The line, at most `width - 1` columns (the last column would wrap on some terminals). What it keeps
 * longest, in order: the count, the rate, the ETA; the decorations go first: elapsed time, then
 * retries, then throttling (which explains the rate).
 */
export function renderStatusLine(frame: StatusFrame, width: number): string {
  const total = Math.max(0, Math.floor(frame.total));
  const done = Math.min(Math.max(0, Math.floor(frame.done)), total);
  const seconds = frame.elapsedMs / 1000;
  const average = seconds >= 0.5 && done > 0 ? done / seconds : undefined;
  const rate = frame.rate !== undefined && frame.rate > 0 ? frame.rate : average;
  const title = frame.label.replace(/\p{Cc}+/gu, " ").trim();
  // [text, priority]: higher stays longer when the terminal is narrow.
  const parts: [string, number][] = [[`${title} ${done}/${total}`, 9]];
  if (rate !== undefined) parts.push([perSecond(rate), 8]);
  if (rate !== undefined && done < total)
    parts.push([`ETA ${formatClock(((total - done) / rate) * 1000)}`, 7]);
  parts.push([`${formatClock(frame.elapsedMs)} elapsed`, 3]);
  const throttled = frame.throttled ?? 0;
  if (throttled > 0) {
    const paced = frame.pacedRate === undefined ? "" : `, pacing at ${perSecond(frame.pacedRate)}`;
    parts.push([`throttled ${throttled}x${paced}`, 5]);
  }
  const retries = frame.retries ?? 0;
  if (retries > 0) parts.push([`${retries} ${retries === 1 ? "retry" : "retries"} after faults`, 4]);
  const room = Math.max(1, Math.floor(width) - 1);
  let kept = parts;
  while (kept.length > 1 && kept.map(([t]) => t).join(" · ").length > room) {
    const least = Math.min(...kept.map(([, p]) => p));
    const index = kept.findIndex(([, p]) => p === least);
    kept = kept.filter((_, i) => i !== index);
  }
  const line = kept.map(([t]) => t).join(" · ");
  return line.length > room ? line.slice(0, room) : line;
}
