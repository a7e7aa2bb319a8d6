import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY, formatDuration, parseDuration } from "../../src/model/duration.js";

describe("durations", () => {
  it("30d, 720h, 43200m and 2592000s are the same length", () => {
    const lengths = ["30d", "720h", "43200m", "2592000s"].map(parseDuration);
    expect(new Set(lengths)).toEqual(new Set([30 * DAY]));
  });

  it("refuses anything that is not <integer><d|h|m|s>", () => {
    for (const text of ["", "90", "d", "1.5d", "-1d", "90D", "90 d", "1w", " 90d", "90d "]) {
      expect(parseDuration(text), text).toBeUndefined();
    }
  });

  it("formats with the largest unit that divides exactly, and parses back to the same length", () => {
    // A whole number of some unit: uniform seconds would almost never be whole days, hours or minutes.
    const length = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1, 60, 3600, DAY, 7))
      .map(([n, unit]) => n * unit);
    const units = { d: 0, h: 0, m: 0, s: 0 };
    fc.assert(
      fc.property(length, (seconds) => {
        const text = formatDuration(seconds);
        units[text.slice(-1) as keyof typeof units]++;
        expect(parseDuration(text)).toBe(seconds);
      }),
    );
    for (const [unit, count] of Object.entries(units)) expect(count, unit).toBeGreaterThan(0);
    expect(formatDuration(90 * DAY)).toBe("90d");
    expect(formatDuration(36 * 3600)).toBe("36h");
    expect(formatDuration(61)).toBe("61s");
  });
});
