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
  const pace = recentPace();
  const activity = kmsActivity(clock);
  const draw = (force: boolean) => {
    const now = clock();
    if (!live || (counts.total < MIN_KEYS && !activity.busy()) || (!force && now - last < REDRAW_MS)) return;
    last = now;
    shown = true;
    const rate = pace.rate(now);
    const frame = {
      label: title,
      ...counts,
      elapsedMs: now - started,
      ...activity.shown(now),
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
      if (done < counts.done) pace.restart();
      counts = { done, total };
      pace.record(clock(), done);
      draw(done >= total);
    },
    relabel(next) {
      title = next;
      started = clock();
      pace.restart();
      draw(true);
    },
    kms(event) {
      if (event.type !== "retry") return;
      activity.record(event);
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

interface Sample {
  readonly at: number;
  readonly done: number;
}

/** Keys done over the last stretch, so the rate shown is the pace now, not the run's average. */
function recentPace() {
  let samples: Sample[] = [];
  return {
    /** A sample every quarter second at most: a few dozen in the window, however fast keys finish. */
    record(now: number, done: number): void {
      const latest = samples[samples.length - 1];
      if (!latest || now - latest.at >= SAMPLE_MS)
        samples = [...samples.filter((x) => now - x.at <= RATE_WINDOW_MS), { at: now, done }];
    },
    restart(): void {
      samples = [];
    },
    rate: (now: number) => recentRate(samples, now),
  };
}

/** Keys per second over the window's samples; none until they span a second (the average stands in). */
function recentRate(samples: readonly Sample[], now: number): number | undefined {
  const first = samples.find((s) => now - s.at <= RATE_WINDOW_MS);
  const latest = samples[samples.length - 1];
  if (!first || !latest || latest.at - first.at < 1_000) return undefined;
  return (latest.done - first.done) / ((latest.at - first.at) / 1000);
}

/** What the KMS clients went through: retries and throttles counted, and the pacing rate after the last. */
function kmsActivity(clock: () => number) {
  const counts = { retries: 0, throttled: 0 };
  let paced: { rate: number; at: number } | undefined;
  return {
    record(event: Extract<KmsEvent, { type: "retry" }>): void {
      if (event.throttled) {
        counts.throttled += 1;
        paced = { rate: event.rate, at: clock() };
      } else counts.retries += 1;
    },
    busy: () => counts.retries + counts.throttled > 0,
    /** The counts, and the pacing rate while it is still the pace. */
    shown(now: number): { retries: number; throttled: number; pacedRate?: number } {
      const pacing = paced && now - paced.at <= PACED_SHOWN_MS ? { pacedRate: paced.rate } : {};
      return { ...counts, ...pacing };
    },
  };
}
