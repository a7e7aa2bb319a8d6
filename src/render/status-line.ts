// One frame of the terminal status line: `Applying 412/1000 · 38/s · 0:11 elapsed · ETA 0:15`, and what
// KMS is making us go through (throttling, retries). The CLI redraws it on stderr in place, so it is one
// line that fits the terminal: the least useful parts go first when it is narrow.

export interface StatusFrame {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  /** Since this phase began. */
  readonly elapsedMs: number;
  /** Calls the service throttled, and the paced rate after the last one (calls/s). */
  readonly throttled?: number;
  readonly pacedRate?: number;
  /** Calls retried after faults (5xx, resets, timeouts). */
  readonly retries?: number;
}

/** `0:07`, `1:05`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** The line, at most `width - 1` columns (the last column would wrap on some terminals). */
export function renderStatusLine(frame: StatusFrame, width: number): string {
  const total = Math.max(0, Math.floor(frame.total));
  const done = Math.min(Math.max(0, Math.floor(frame.done)), total);
  const seconds = frame.elapsedMs / 1000;
  const rate = seconds >= 0.5 && done > 0 ? done / seconds : undefined;
  const title = frame.label.replace(/\p{Cc}+/gu, " ").trim();
  // [text, priority]: higher stays longer when the terminal is narrow.
  const parts: [string, number][] = [[`${title} ${done}/${total}`, 9]];
  if (rate !== undefined) parts.push([`${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}/s`, 3]);
  parts.push([`${formatClock(frame.elapsedMs)} elapsed`, 2]);
  if (rate !== undefined && done < total)
    parts.push([`ETA ${formatClock(((total - done) / rate) * 1000)}`, 5]);
  const throttled = frame.throttled ?? 0;
  if (throttled > 0) {
    const paced = frame.pacedRate === undefined ? "" : `, pacing at ${frame.pacedRate.toFixed(1)}/s`;
    parts.push([`throttled ${throttled}x${paced}`, 7]);
  }
  const retries = frame.retries ?? 0;
  if (retries > 0) parts.push([`${retries} ${retries === 1 ? "retry" : "retries"} after faults`, 6]);
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
