// The status line as a terminal sees it over time (a clock the test moves): the rate is the pace now,
// not the run's average, and a pacing rate after a throttle is shown while it is the pace, not all run.

import { describe, expect, it } from "vitest";
import { progress } from "../../src/cli/progress.js";
import type { KmsEvent } from "../../src/kms/events.js";
import { captureIo } from "../helpers/io.js";

const CLEAR = "\r\x1b[2K";

function terminal() {
  let now = 0;
  const io = captureIo({ tty: true, columns: 80 });
  const bar = progress(io, "Applying", () => now);
  /** The frame on screen: the last one drawn. */
  const line = () => io.err().split(CLEAR).filter(Boolean).pop() ?? "";
  /** `perSecond` keys finish each second for `seconds`, the clock moving 100 ms at a time. */
  let done = 0;
  const run = (perSecond: number, seconds: number) => {
    for (let tick = 0; tick < seconds * 10; tick++) {
      now += 100;
      done += perSecond / 10;
      bar.update(Math.floor(done), 1000);
    }
  };
  const throttle = (rate: number): Extract<KmsEvent, { type: "retry" }> => ({
    type: "retry",
    region: "cn-hangzhou",
    action: "UpdateRotationPolicy",
    attempt: 1,
    throttled: true,
    code: "Rejected.Throttling",
    rate,
  });
  return { bar, line, run, throttle, io };
}

describe("the status line over a run", () => {
  it("shows the pace of the last seconds, and the ETA at that pace", () => {
    const t = terminal();
    t.run(5, 10); // 50 keys in 10 s
    t.run(20, 10); // then 200 in 10 s: the average is 12.5/s, the pace 20/s
    expect(t.line()).toBe("Applying 250/1000 · 20/s · ETA 0:38 · 0:20 elapsed");
  });

  it("shows the pacing rate after a throttle while it is the pace, then only the count of throttles", () => {
    const t = terminal();
    t.run(20, 3);
    t.bar.kms(t.throttle(13.3));
    t.run(13, 2);
    expect(t.line()).toMatch(/^Applying \d+\/1000 · 1\d\/s · ETA \d:\d\d · throttled 1x, pacing at 13\/s$/);
    // The pacer steps back up with every success: seconds later the old figure would be a lie.
    t.run(18, 10);
    expect(t.line()).toMatch(/^Applying \d+\/1000 · 18\/s · ETA \d:\d\d · 0:15 elapsed · throttled 1x$/);
  });

  it("at 80 columns never drops the count, the rate or the ETA for decorations", () => {
    const t = terminal();
    t.run(20, 3);
    for (let i = 0; i < 12; i++) t.bar.kms(t.throttle(9.5));
    for (let i = 0; i < 7; i++)
      t.bar.kms({ ...t.throttle(9.5), throttled: false, code: "ServiceUnavailable" });
    t.run(9, 2);
    const frames = t.io.err().split(CLEAR).filter(Boolean);
    // Every frame drawn since the throttles and faults began (the rate is known by then).
    const decorated = frames.filter((f) => f.includes("throttled") || frames.indexOf(f) > frames.length - 20);
    expect(decorated.some((f) => f.includes("throttled 12x"))).toBe(true);
    for (const frame of frames) expect(frame.length).toBeLessThan(80);
    for (const frame of decorated) {
      expect(frame).toMatch(/^Applying \d+\/1000 · [\d.]+\/s · ETA \d+:\d\d/);
    }
  });
});
