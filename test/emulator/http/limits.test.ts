import { describe, expect, it } from "vitest";
import {
  createLimits,
  drawFault,
  operationGroup,
  SlidingWindow,
} from "../../../src/emulator/limits/index.js";

describe("operation groups", () => {
  it.each([
    ["DescribeKey", "read"],
    ["ListKeyVersions", "read"],
    ["DescribeKeyVersion", "read"],
    ["GetPublicKey", "crypto"],
    ["AsymmetricSign", "crypto"],
    ["AsymmetricVerify", "crypto"],
    ["UpdateRotationPolicy", "write"],
    ["CreateKeyVersion", "write"],
    ["CreateAlias", "write"],
    ["DeleteAlias", "write"],
    ["EnableKey", "write"],
    ["ScheduleKeyDeletion", "write"],
    ["CancelKeyDeletion", "write"],
    ["TagResource", "write"],
    ["UntagResource", "write"],
    ["CreateKey", "create"],
  ])("%s draws on the %s quota", (action, group) => {
    expect(operationGroup(action)).toBe(group);
  });
});

describe("sliding window", () => {
  it("admits `limit` calls in any second, and more once the oldest has left the window", () => {
    const window = new SlidingWindow(3);
    expect([0, 10, 20, 30].map((t) => window.tryAcquire(t))).toEqual([true, true, true, false]);
    expect(window.tryAcquire(999)).toBe(false);
    expect(window.tryAcquire(1000)).toBe(true);
    expect(window.tryAcquire(1005)).toBe(false);
  });

  it("caps a burst that straddles a second boundary", () => {
    const window = new SlidingWindow(2);
    expect([900, 950, 1001, 1010].map((t) => window.tryAcquire(t))).toEqual([true, true, false, false]);
  });
});

describe("faults", () => {
  it("never fires at rate 0 and always at rate 1", () => {
    expect(drawFault(0, () => 0)).toBeUndefined();
    expect(drawFault(1, () => 0.99)).toBeDefined();
  });

  it("draws both faults that stop a call and faults that lose its answer", () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const fault = drawFault(1, () => (i + 0.5) / 7);
      kinds.add(`${fault?.when}:${typeof fault?.effect === "string" ? fault.effect : fault?.effect.code}`);
    }
    expect(kinds).toEqual(
      new Set([
        "before:InternalFailure",
        "before:ServiceUnavailableTemporary",
        "before:Rejected.Throttling",
        "before:reset",
        "after:reset",
        "after:InternalFailure",
        "after:ServiceUnavailableTemporary",
      ]),
    );
  });

  it("throttles per group and leaves other groups alone", async () => {
    let now = 0;
    const limits = createLimits({ qps: { write: 1 }, now: () => now });
    expect((await limits.admit("CreateAlias")).kind).toBe("proceed");
    expect(await limits.admit("UpdateRotationPolicy")).toMatchObject({
      kind: "reject",
      error: { status: 429, code: "Rejected.Throttling", message: "QPS Limit Exceeded" },
    });
    expect((await limits.admit("DescribeKey")).kind).toBe("proceed");
    now = 1000;
    expect((await limits.admit("UpdateRotationPolicy")).kind).toBe("proceed");
  });
});
