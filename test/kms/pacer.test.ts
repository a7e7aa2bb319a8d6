// The pacer: calls leave one interval apart at a share of the quota, never in a burst after a stall;
// throttling slows it once per burst, and successes win the rate back.

import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Pacer } from "../../src/kms/pacer.js";
import { operationGroup, parseQuota } from "../../src/kms/quota.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A pacer on the fake clock, and the instants its calls left at. */
function paced(rate: number, headroom = 1) {
  const pacer = new Pacer({ rate, headroom, now: () => Date.now() });
  const sent: number[] = [];
  const send = () =>
    pacer.acquire().then((ticket) => {
      sent.push(Date.now());
      return ticket;
    });
  return { pacer, sent, send };
}

describe("pacer", () => {
  it("lets calls leave one interval apart, first come first served", async () => {
    const { sent, send } = paced(10);
    const start = Date.now();
    const all = Promise.all(Array.from({ length: 5 }, send));
    await vi.advanceTimersByTimeAsync(1_000);
    const tickets = await all;
    expect(sent.map((t) => t - start)).toEqual([0, 100, 200, 300, 400]);
    expect(tickets.map((t) => t.waitedMs)).toEqual([0, 100, 200, 300, 400]);
  });

  it("keeps a share of the quota in hand when all is well (headroom)", () => {
    const pacer = new Pacer({ rate: 20 });
    expect(pacer.ceiling).toBe(20);
    expect(pacer.rate).toBeCloseTo(19);
  });

  it("never lets more than rate x window + 1 calls leave in any window, whatever the arrivals", async () => {
    // Runs with more calls than the rate (else no window is checked), and runs where a call had to wait.
    const seen = { windowChecked: 0, waited: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 50 }),
        // size "max": at the default size a run made about ten calls, too few to fill most rates' window.
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 2, maxLength: 120, size: "max" }),
        async (rate, gaps) => {
          const { sent, send } = paced(rate);
          const calls: ReturnType<typeof send>[] = [];
          for (const gap of gaps) {
            await vi.advanceTimersByTimeAsync(gap);
            calls.push(send());
          }
          await vi.advanceTimersByTimeAsync((gaps.length * 1000) / rate + 1000);
          const tickets = await Promise.all(calls);
          if (sent.length > rate) seen.windowChecked++;
          if (tickets.some((t) => t.waitedMs > 0)) seen.waited++;
          for (let i = 0; i + rate < sent.length; i += 1) {
            expect((sent[i + rate] as number) - (sent[i] as number)).toBeGreaterThanOrEqual(1000);
          }
        },
      ),
      { numRuns: 40 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("after a stall, waiting calls leave one interval apart again, not in a burst", async () => {
    const { sent, send } = paced(10);
    const all = Promise.all(Array.from({ length: 4 }, send));
    // A busy event loop: the clock jumps 500 ms before any timer can fire.
    vi.setSystemTime(Date.now() + 500);
    await vi.advanceTimersByTimeAsync(1_000);
    await all;
    const gaps = sent.slice(1).map((t, i) => t - (sent[i] as number));
    expect(gaps.every((g) => g >= 100)).toBe(true);
  });

  it("a burst of throttles from calls sent at one rate cuts the rate once", async () => {
    const { pacer, send } = paced(1000);
    const all = Promise.all([send(), send(), send()]);
    await vi.advanceTimersByTimeAsync(10);
    for (const t of await all) pacer.record(t, "throttled");
    expect(pacer.rate).toBeCloseTo(700);
  });

  it("recovers the rate one step per success, up to the target and no further", async () => {
    const { pacer, send } = paced(1000);
    pacer.record(await send(), "throttled");
    const low = pacer.rate;
    const next = send();
    await vi.advanceTimersByTimeAsync(10);
    pacer.record(await next, "success");
    expect(pacer.rate).toBeGreaterThan(low);
    for (let i = 0; i < 100; i += 1) pacer.record({ epoch: 1, waitedMs: 0 }, "success");
    expect(pacer.rate).toBe(1000);
  });

  it("an abort while waiting rejects with the signal's reason and lets the others go on", async () => {
    const { pacer, send } = paced(1);
    await send();
    const controller = new AbortController();
    const waiting = pacer.acquire(controller.signal);
    const after = send();
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(after).resolves.toMatchObject({ epoch: 0 });
    expect(pacer.waiting).toBe(0);
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
