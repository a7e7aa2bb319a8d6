import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatClock, renderStatusLine } from "../../src/render/index.js";

describe("status line", () => {
  it("shows done/total, rate, ETA and elapsed", () => {
    expect(renderStatusLine({ label: "Applying", done: 400, total: 1000, elapsedMs: 10_000 }, 100)).toBe(
      "Applying 400/1000 · 40/s · ETA 0:15 · 0:10 elapsed",
    );
    expect(renderStatusLine({ label: "Reading keys", done: 3, total: 40, elapsedMs: 2_000 }, 100)).toBe(
      "Reading keys 3/40 · 1.5/s · ETA 0:25 · 0:02 elapsed",
    );
  });

  it("shows the rate it is given (the pace now) and the ETA at that pace, not the run's average", () => {
    const frame = { label: "Applying", done: 400, total: 1000, elapsedMs: 10_000, rate: 12 };
    expect(renderStatusLine(frame, 100)).toBe("Applying 400/1000 · 12/s · ETA 0:50 · 0:10 elapsed");
  });

  it("shows what KMS makes it wait for: throttling and the paced rate, retries after faults", () => {
    const frame = {
      label: "Reading keys",
      done: 50,
      total: 100,
      elapsedMs: 5_000,
      throttled: 3,
      pacedRate: 9.5,
    };
    expect(renderStatusLine({ ...frame, retries: 1 }, 200)).toBe(
      "Reading keys 50/100 · 10/s · ETA 0:05 · 0:05 elapsed · throttled 3x, pacing at 9.5/s · 1 retry after faults",
    );
  });

  it("at 80 columns keeps count, rate and ETA, dropping elapsed, retries, then throttling first", () => {
    const frame = {
      label: "Applying",
      done: 412,
      total: 1000,
      elapsedMs: 23_000,
      rate: 17.6,
      throttled: 2,
      pacedRate: 13.3,
      retries: 3,
    };
    expect(renderStatusLine(frame, 80)).toBe(
      "Applying 412/1000 · 18/s · ETA 0:33 · throttled 2x, pacing at 13/s",
    );
    expect(renderStatusLine({ ...frame, pacedRate: undefined }, 80)).toBe(
      "Applying 412/1000 · 18/s · ETA 0:33 · throttled 2x · 3 retries after faults",
    );
    expect(renderStatusLine(frame, 40)).toBe("Applying 412/1000 · 18/s · ETA 0:33");
    expect(renderStatusLine(frame, 30)).toBe("Applying 412/1000 · 18/s");
    expect(renderStatusLine(frame, 20)).toBe("Applying 412/1000");
    expect(renderStatusLine(frame, 10)).toBe("Applying ");
  });

  it("is one line shorter than the terminal, for any frame and width", () => {
    // fc.string() is printable ASCII only: binary labels bring the control characters the line must drop.
    const seen = { controlInLabel: 0, cut: 0, whole: 0 };
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" })),
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 100_000 }),
        fc.nat({ max: 10_000_000 }),
        fc.nat({ max: 50 }),
        fc.integer({ min: 2, max: 300 }),
        (label, a, b, elapsedMs, throttled, width) => {
          const frame = {
            label,
            done: Math.min(a, b),
            total: Math.max(a, b),
            elapsedMs,
            throttled,
            pacedRate: 1,
          };
          const line = renderStatusLine(frame, width);
          expect(line).not.toMatch(/\p{Cc}/u);
          expect(line.length).toBeLessThan(width);
          if (/\p{Cc}/u.test(label)) seen.controlInLabel++;
          seen[line === renderStatusLine(frame, 100_000) ? "whole" : "cut"]++;
        },
      ),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("formats clocks as m:ss and h:mm:ss", () => {
    expect(formatClock(7_000)).toBe("0:07");
    expect(formatClock(65_000)).toBe("1:05");
    expect(formatClock(3_723_000)).toBe("1:02:03");
  });
});
