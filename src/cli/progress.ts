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
/** The rate shown is over this last stretch, so it is the pace now, not the run's average. */
const RATE_WINDOW_MS = 5_000;
/** The pacing rate after a throttle is shown this long: the pacer steps back up with every success. */
const PACED_SHOWN_MS = 5_000;
const SAMPLE_MS = 250;
const DEFAULT_WIDTH = 80;
const CLEAR = "\r\x1b[2K";

export function progress(io: Io, label: string, clock: () => number = Date.now): Progress {
  const live = canRedraw(io);
  let shown = false;
  let last = 0;
  let title = label;
  let started = clock();
  let counts = { done: 0, total: 0 };
  const activity = { retries: 0, throttled: 0 };
  let paced: { rate: number; at: number } | undefined;
  let samples: { at: number; done: number }[] = [];
  const draw = (force: boolean) => {
    const now = clock();
    const busy = activity.retries + activity.throttled > 0;
    if (!live || (counts.total < MIN_KEYS && !busy) || (!force && now - last < REDRAW_MS)) return;
    last = now;
    shown = true;
    const rate = recentRate(samples, now);
    const pacing = paced && now - paced.at <= PACED_SHOWN_MS ? { pacedRate: paced.rate } : {};
    const frame = {
      label: title,
      ...counts,
      elapsedMs: now - started,
      ...activity,
      ...pacing,
      ...(rate === undefined ? {} : { rate }),
    };
    io.stderr.write(`${CLEAR}${renderStatusLine(frame, terminalWidth(io, "stderr") ?? DEFAULT_WIDTH)}`);
  };
  const clear = () => {
    if (shown) io.stderr.write(CLEAR);
    shown = false;
  };
  return {
    update(done, total) {
      const now = clock();
      if (done < counts.done) samples = [];
      counts = { done, total };
      // A sample every quarter second at most: a few dozen in the window, however fast keys finish.
      const latest = samples[samples.length - 1];
      if (!latest || now - latest.at >= SAMPLE_MS)
        samples = [...samples.filter((x) => now - x.at <= RATE_WINDOW_MS), { at: now, done }];
      draw(done >= total);
    },
    relabel(next) {
      title = next;
      started = clock();
      samples = [];
      draw(true);
    },
    kms(event) {
      if (event.type !== "retry") return;
      if (event.throttled) {
        activity.throttled += 1;
        paced = { rate: event.rate, at: clock() };
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

/** Keys per second over the window's samples; none until they span a second (the average stands in). */
function recentRate(samples: readonly { at: number; done: number }[], now: number): number | undefined {
  const first = samples.find((s) => now - s.at <= RATE_WINDOW_MS);
  const latest = samples[samples.length - 1];
  if (!first || !latest || latest.at - first.at < 1_000) return undefined;
  return (latest.done - first.done) / ((latest.at - first.at) / 1000);
}
