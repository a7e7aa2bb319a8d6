// The one --qps grammar: the client (read, write, create; any positive number) and the emulator (its own
// table with crypto; whole numbers) read the same shapes and refuse the same mistakes.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRates } from "../../src/model/rates.js";

const CLIENT = { groups: ["read", "write", "create"], whole: false, max: 100_000 } as const;
const EMULATOR = { groups: ["read", "write", "create", "crypto"], whole: true, max: 100_000 } as const;

describe("the --qps grammar", () => {
  it("a number sets every group; assignments set the groups named", () => {
    expect(parseRates("20", CLIENT)).toEqual({ every: 20 });
    expect(parseRates("read=2.5, write=30", CLIENT)).toEqual({ each: { read: 2.5, write: 30 } });
    expect(parseRates("crypto=200", EMULATOR)).toEqual({ each: { crypto: 200 } });
  });

  it("refuses a group named twice, an unknown group, a bad number, and says the shape", () => {
    for (const bad of ["read=1,read=2", "crypto=5", "-1", "0", "read=", "read=1=2", "1e3", "100001"]) {
      expect(parseRates(bad, CLIENT)).toEqual({
        problem: `expected a number or read=<n>,write=<n>,create=<n> with positive numbers (got "${bad}")`,
      });
    }
    expect(parseRates("read=2.5", EMULATOR)).toEqual({
      problem:
        'expected a number or read=<n>,write=<n>,create=<n>,crypto=<n> with whole numbers from 1 to 100000 (got "read=2.5")',
    });
  });

  it("reads back any set of groups it is given, in any order", () => {
    const seen = { every: 0, some: 0, all: 0 };
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...EMULATOR.groups], { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 4, maxLength: 4 }),
        fc.boolean(),
        (groups, numbers, one) => {
          if (one) {
            seen.every++;
            expect(parseRates(String(numbers[0]), EMULATOR)).toEqual({ every: numbers[0] });
            return;
          }
          if (groups.length === EMULATOR.groups.length) seen.all++;
          else seen.some++;
          const text = groups.map((g, i) => `${g}=${numbers[i]}`).join(",");
          expect(parseRates(text, EMULATOR)).toEqual({
            each: Object.fromEntries(groups.map((g, i) => [g, numbers[i]])),
          });
        },
      ),
      { numRuns: 300 },
    );
    // Every shape was produced: one number, some groups, all of them.
    expect(Math.min(seen.every, seen.some, seen.all)).toBeGreaterThan(5);
  });
});
