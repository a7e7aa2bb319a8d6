// The adaptive limiter on its own: a hard cap, halving on throttling, growing back on success.

import { describe, expect, it } from "vitest";
import { AdaptiveLimiter, type Slot } from "../../src/kms/limiter.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("AdaptiveLimiter", () => {
  it("never lets more than `limit` calls run at once, and serves waiters in order", async () => {
    const limiter = new AdaptiveLimiter(2);
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const order: string[] = [];
    const noting = (name: string) => (slot: Slot) => {
      order.push(name);
      return slot;
    };
    const c = limiter.acquire().then(noting("c"));
    const d = limiter.acquire().then(noting("d"));
    await tick();
    expect(limiter.inFlight).toBe(2);
    expect(limiter.waiting).toBe(2);
    a.release("success");
    const slotC = await c;
    expect(order).toEqual(["c"]);
    b.release("failure");
    await d;
    expect(order).toEqual(["c", "d"]);
    slotC.release("success");
    expect(limiter.inFlight).toBe(1);
  });

  it("halves the limit on throttling, not below 1", async () => {
    const limiter = new AdaptiveLimiter(16);
    for (const expected of [8, 4, 2, 1, 1]) {
      (await limiter.acquire()).release("throttled");
      expect(limiter.limit).toBe(expected);
    }
  });

  it("a burst of throttles from calls started together halves the limit once", async () => {
    const limiter = new AdaptiveLimiter(8);
    const slots: Slot[] = [];
    for (let i = 0; i < 8; i += 1) slots.push(await limiter.acquire());
    for (const slot of slots) slot.release("throttled");
    expect(limiter.limit).toBe(4);
  });

  it("grows back by one per `growEvery` successes, up to the maximum", async () => {
    const limiter = new AdaptiveLimiter(4, { growEvery: 3 });
    (await limiter.acquire()).release("throttled");
    expect(limiter.limit).toBe(2);
    for (let i = 0; i < 3; i += 1) (await limiter.acquire()).release("success");
    expect(limiter.limit).toBe(3);
    for (let i = 0; i < 30; i += 1) (await limiter.acquire()).release("success");
    expect(limiter.limit).toBe(4);
  });

  it("other failures neither shrink nor grow the limit", async () => {
    const limiter = new AdaptiveLimiter(4, { growEvery: 1 });
    (await limiter.acquire()).release("throttled");
    (await limiter.acquire()).release("failure");
    expect(limiter.limit).toBe(2);
  });

  it("releasing twice counts once", async () => {
    const limiter = new AdaptiveLimiter(1);
    const slot = await limiter.acquire();
    slot.release("success");
    slot.release("success");
    expect(limiter.inFlight).toBe(0);
  });

  it("an abort while waiting rejects and leaves the queue", async () => {
    const limiter = new AdaptiveLimiter(1);
    const held = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(limiter.waiting).toBe(0);
    held.release("success");
    expect(limiter.inFlight).toBe(0);
  });

  it("a limiter that converges: throttled calls stop growing it past what the quota allows", async () => {
    // A quota of 3 concurrent calls: anything above is throttled, as a QPS-limited region answers.
    const limiter = new AdaptiveLimiter(16, { growEvery: 2 });
    let running = 0;
    let peakAfterWarmup = 0;
    const call = async (i: number) => {
      const slot = await limiter.acquire();
      running += 1;
      if (i > 200) peakAfterWarmup = Math.max(peakAfterWarmup, limiter.limit);
      await tick();
      const throttled = running > 3;
      running -= 1;
      slot.release(throttled ? "throttled" : "success");
    };
    await Promise.all(Array.from({ length: 400 }, (_, i) => call(i)));
    expect(peakAfterWarmup).toBeLessThanOrEqual(6);
  });

  it("rejects a nonsense maximum", () => {
    expect(() => new AdaptiveLimiter(0)).toThrow(RangeError);
  });
});
