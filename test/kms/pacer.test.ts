// The pacer: calls leave one interval apart at a share of the quota, throttling slows it once per burst,
// and successes win the rate back.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Pacer } from "../../src/kms/pacer.js";
import { operationGroup, parseQuota } from "../../src/kms/quota.js";

/** A pacer on a frozen clock: each ticket's wait is its exact send offset, and sleeps are short. */
function frozen(rate: number, headroom = 1) {
  return new Pacer({ rate, headroom, now: () => 0 });
}

describe("pacer", () => {
  it("spaces calls one interval apart, first come first served", async () => {
    const pacer = frozen(1000);
    const tickets = await Promise.all(Array.from({ length: 5 }, () => pacer.acquire()));
    expect(tickets.map((t) => t.waitedMs)).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps a share of the quota in hand when all is well (headroom)", () => {
    const pacer = new Pacer({ rate: 20 });
    expect(pacer.ceiling).toBe(20);
    expect(pacer.rate).toBeCloseTo(19);
  });

  it("never lets more than rate x window + 1 calls leave in any window", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 2, max: 300 }), (rate, calls) => {
        let clock = 0;
        const pacer = new Pacer({ rate, headroom: 1, now: () => clock });
        const sends: number[] = [];
        for (let i = 0; i < calls; i += 1) {
          // Reserve without waiting: a frozen clock makes each reservation's offset its send time.
          void pacer.acquire().catch(() => {});
          sends.push(clock + (pacer.backlogMs - 1000 / rate));
        }
        clock = 0;
        for (let i = 0; i + rate < sends.length; i += 1) {
          expect((sends[i + rate] as number) - (sends[i] as number)).toBeGreaterThanOrEqual(999.999);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("a burst of throttles from calls sent at one rate cuts the rate once", async () => {
    const pacer = frozen(1000);
    const tickets = await Promise.all([pacer.acquire(), pacer.acquire(), pacer.acquire()]);
    for (const t of tickets) pacer.record(t, "throttled");
    expect(pacer.rate).toBeCloseTo(700);
  });

  it("recovers the rate one step per success, up to the target and no further", async () => {
    const pacer = frozen(1000);
    pacer.record(await pacer.acquire(), "throttled");
    const low = pacer.rate;
    pacer.record(await pacer.acquire(), "success");
    expect(pacer.rate).toBeGreaterThan(low);
    for (let i = 0; i < 100; i += 1) pacer.record({ epoch: 1, waitedMs: 0 }, "success");
    expect(pacer.rate).toBe(1000);
  });

  it("an abort while waiting rejects with the signal's reason", async () => {
    const pacer = new Pacer({ rate: 1 });
    await pacer.acquire();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});

describe("quota", () => {
  it("groups actions as the service does; unknown actions pace as writes", () => {
    expect(operationGroup("DescribeKey")).toBe("read");
    expect(operationGroup("ListKeyVersions")).toBe("read");
    expect(operationGroup("UpdateRotationPolicy")).toBe("write");
    expect(operationGroup("CreateKeyVersion")).toBe("write");
    expect(operationGroup("TagResource")).toBe("write");
    expect(operationGroup("CreateKey")).toBe("create");
    expect(operationGroup("Frobnicate")).toBe("write");
  });

  it("--qps takes a number for every group or named groups over the defaults", () => {
    expect(parseQuota("50")).toEqual({ read: 50, write: 50, create: 50 });
    expect(parseQuota("read=50,write=30")).toEqual({ read: 50, write: 30, create: 10 });
    expect(parseQuota("read=2.5")).toEqual({ read: 2.5, write: 10, create: 10 });
    for (const bad of ["", "0", "-1", "read=", "reads=5", "read=5=6", "read=x", "1e3"]) {
      expect(typeof parseQuota(bad)).toBe("string");
    }
  });
});
