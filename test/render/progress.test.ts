import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderProgress } from "../../src/render/index.js";

describe("progress line", () => {
  it("draws a bar of the given width and a right-aligned counter", () => {
    expect(renderProgress(412, 1000, "Reading keys", 20)).toBe(
      "Reading keys [########------------]  412/1000",
    );
    expect(renderProgress(0, 10, "Applying", 10)).toBe("Applying [----------]  0/10");
    expect(renderProgress(10, 10, "Applying", 10)).toBe("Applying [##########] 10/10");
  });

  it("clamps out-of-range counts and treats zero work as done", () => {
    expect(renderProgress(12, 10, "x", 4)).toBe("x [####] 10/10");
    expect(renderProgress(-3, 10, "x", 4)).toBe("x [----]  0/10");
    expect(renderProgress(0, 0, "x", 4)).toBe("x [####] 0/0");
  });

  it("drops the bar when there is no room for it", () => {
    expect(renderProgress(5, 10, "Reading keys", 0)).toBe("Reading keys   5/10");
  });

  it("is always one line of the same length for a given total, label and width", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 5000 }),
        fc.nat({ max: 5000 }),
        fc.string(),
        fc.nat({ max: 60 }),
        (a, b, label, w) => {
          const total = Math.max(a, b);
          const line = renderProgress(Math.min(a, b), total, label, w);
          expect(line).not.toMatch(/[\r\n]/);
          expect(line.length).toBe(renderProgress(total, total, label, w).length);
        },
      ),
    );
  });
});
