// One status line on stderr, only on a terminal that can redraw (TTY, not TERM=dumb): done/total, rate,
// elapsed, ETA, and what the KMS clients are going through (throttling, retries). Cleared before every
// frame and at the end, and before any line printed above it. Silent everywhere else.

import type { KmsEvent } from "../kms/events.js";
import { renderStatusLine } from "../render/index.js";
import { canRedraw, type Io, terminalWidth } from "./io.js";

export interface Progress {
  update(done: number, total: number): void;
  /** Switch to another phase (`Applying`) on the same line; its clock starts again. */
  relabel(label: string): void;
  /** A KMS client's event: counted, and shown on the line. */
  kms(event: KmsEvent): void;
  /** Print a finished line (a key's result) above the status line. */
  above(write: () => void): void;
  done(): void;
}

/** Small runs finish before a status line would help, unless KMS makes them wait. */
const MIN_KEYS = 20;
const REDRAW_MS = 100;
const DEFAULT_WIDTH = 80;
const CLEAR = "\r\x1b[2K";

export function progress(io: Io, label: string, clock: () => number = Date.now): Progress {
  const live = canRedraw(io);
  let shown = false;
  let last = 0;
  let title = label;
  let started = clock();
  let counts = { done: 0, total: 0 };
  const activity = { retries: 0, throttled: 0, pacedRate: undefined as number | undefined };
  const draw = (force: boolean) => {
    const now = clock();
    const busy = activity.retries + activity.throttled > 0;
    if (!live || (counts.total < MIN_KEYS && !busy) || (!force && now - last < REDRAW_MS)) return;
    last = now;
    shown = true;
    const frame = { label: title, ...counts, elapsedMs: now - started, ...activity };
    io.stderr.write(`${CLEAR}${renderStatusLine(frame, terminalWidth(io, "stderr") ?? DEFAULT_WIDTH)}`);
  };
  const clear = () => {
    if (shown) io.stderr.write(CLEAR);
    shown = false;
  };
  return {
    update(done, total) {
      counts = { done, total };
      draw(done >= total);
    },
    relabel(next) {
      title = next;
      started = clock();
      draw(true);
    },
    kms(event) {
      if (event.type !== "retry") return;
      if (event.throttled) {
        activity.throttled += 1;
        activity.pacedRate = event.rate;
      } else activity.retries += 1;
      draw(false);
    },
    above(write) {
      clear();
      write();
      draw(true);
    },
    done: clear,
  };
}
