// One status line on stderr, only on a TTY, redrawn in place: the progress of the keys, and what the
// KMS clients are going through (retries, waits on throttling). Silent everywhere else.

import type { KmsEvent } from "../kms/events.js";
import { renderProgress } from "../render/index.js";
import type { Io } from "./io.js";

export interface Progress {
  update(done: number, total: number): void;
  /** Switch to another phase (`Applying`) on the same line. */
  relabel(label: string): void;
  /** A KMS client's event: counted, and shown on the line. */
  kms(event: KmsEvent): void;
  done(): void;
}

/** Small runs finish before a bar would help, unless KMS makes them wait. */
const MIN_KEYS = 20;
const REDRAW_MS = 100;

export function progress(io: Io, label: string): Progress {
  let shown = false;
  let last = 0;
  let title = label;
  let counts = { done: 0, total: 0 };
  const activity = { retries: 0, throttled: 0, rate: undefined as number | undefined };
  const tty = Boolean(io.stderr.isTTY);
  const draw = (force: boolean) => {
    const now = Date.now();
    const busy = activity.retries + activity.throttled > 0;
    if (!tty || (counts.total < MIN_KEYS && !busy) || (!force && now - last < REDRAW_MS)) return;
    last = now;
    shown = true;
    io.stderr.write(`\r\x1b[2K${renderProgress(counts.done, counts.total, title, 30)}${suffix(activity)}`);
  };
  return {
    update(done, total) {
      counts = { done, total };
      draw(done >= total);
    },
    relabel(next) {
      title = next;
      draw(true);
    },
    kms(event) {
      if (event.type !== "retry") return;
      if (event.throttled) {
        activity.throttled += 1;
        activity.rate = event.rate;
      } else activity.retries += 1;
      draw(false);
    },
    done() {
      if (shown) io.stderr.write("\r\x1b[2K");
    },
  };
}

function suffix(a: { retries: number; throttled: number; rate: number | undefined }): string {
  const parts: string[] = [];
  if (a.throttled > 0) {
    const rate = a.rate === undefined ? "" : `, pacing at ${a.rate.toFixed(1)}/s`;
    parts.push(`throttled ${a.throttled}x${rate}`);
  }
  if (a.retries > 0) parts.push(`${a.retries} ${a.retries === 1 ? "retry" : "retries"} after faults`);
  return parts.length > 0 ? `  (${parts.join("; ")})` : "";
}
