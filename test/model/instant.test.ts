import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstant, readInstant } from "../../src/model/instant.js";

describe("parseInstant (--now, --until, --clock)", () => {
  it("takes a date (midnight UTC) or a date and time with a zone", () => {
    expect(parseInstant("2026-11-23")?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(parseInstant("2026-11-23T08:00:00+08:00")?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(parseInstant("2026-11-23T00:00Z")?.toISOString()).toBe("2026-11-23T00:00:00.000Z");
  });

  it("refuses a time without a zone, an impossible date and free text", () => {
    for (const text of ["2026-11-23T00:00:00", "2026-13-45", "yesterday", "", "2026-11-23 00:00:00Z"])
      expect(parseInstant(text)).toBeUndefined();
  });

  it("refuses a day or time the calendar does not have, where Date would roll it over", () => {
    for (const text of [
      "2027-02-30T00:00:00Z",
      "2027-02-29",
      "2026-04-31",
      "2026-00-10",
      "2026-11-23T24:00Z",
    ])
      expect(parseInstant(text)).toBeUndefined();
    expect(readInstant("2027-02-30T00:00:00Z")).toEqual({
      error: '"2027-02-30T00:00:00Z" is not a calendar date',
    });
    expect(parseInstant("2028-02-29")?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  it("reads back every instant it would print", () => {
    const date = fc.date({ min: new Date("1970-01-01"), max: new Date("9999-12-31"), noInvalidDate: true });
    // Whole seconds too, as most instants people type are: random dates almost always carry milliseconds.
    const whole = date.map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
    const seen = { milliseconds: 0, wholeSeconds: 0 };
    fc.assert(
      fc.property(fc.oneof(date, whole), (d) => {
        if (d.getTime() % 1000 === 0) seen.wholeSeconds++;
        else seen.milliseconds++;
        expect(parseInstant(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
    for (const [kind, count] of Object.entries(seen)) expect(count, kind).toBeGreaterThan(0);
  });
});
