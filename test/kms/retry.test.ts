// When a call is sent again: reads on any retryable failure, writes only when they surely did not happen.

import { describe, expect, it } from "vitest";
import { isKmsError, KmsError } from "../../src/kms/errors.js";
import { DEFAULT_RETRY_POLICY, type RetryInfo, withRetries } from "../../src/kms/retry.js";

const fast = { ...DEFAULT_RETRY_POLICY, retries: 4, minTimeoutMs: 1, maxTimeoutMs: 2 };

const throttled = () =>
  new KmsError({
    code: "Rejected.Throttling",
    status: 429,
    message: "slow down",
    retryable: true,
    outcomeUnknown: false,
  });
const lost = () =>
  new KmsError({ code: "NetworkError", message: "reset", retryable: true, outcomeUnknown: true });
const refused = () =>
  new KmsError({
    code: "Rejected.Disabled",
    status: 409,
    message: "disabled",
    retryable: false,
    outcomeUnknown: false,
  });

function failing(failures: (() => KmsError)[]) {
  let calls = 0;
  const attempt = async () => {
    const next = failures[calls];
    calls += 1;
    if (next) throw next();
    return "ok";
  };
  return { attempt, calls: () => calls };
}

describe("withRetries", () => {
  it("a read is retried through throttling and lost connections, reporting each retry", async () => {
    const { attempt, calls } = failing([throttled, lost, throttled]);
    const seen: RetryInfo[] = [];
    const result = await withRetries(attempt, {
      action: "DescribeKey",
      write: false,
      policy: fast,
      onRetry: (i) => seen.push(i),
    });
    expect(result).toBe("ok");
    expect(calls()).toBe(4);
    expect(seen.map((i) => [i.attempt, i.error.code])).toEqual([
      [1, "Rejected.Throttling"],
      [2, "NetworkError"],
      [3, "Rejected.Throttling"],
    ]);
  });

  it("a throttled write is retried: the service refused it before acting", async () => {
    const { attempt, calls } = failing([throttled]);
    await expect(
      withRetries(attempt, { action: "CreateKeyVersion", write: true, policy: fast }),
    ).resolves.toBe("ok");
    expect(calls()).toBe(2);
  });

  it("a write whose answer was lost is not sent again and surfaces as outcomeUnknown", async () => {
    const { attempt, calls } = failing([lost]);
    const error = await withRetries(attempt, { action: "CreateKeyVersion", write: true, policy: fast }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: "NetworkError", outcomeUnknown: true });
    expect(calls()).toBe(1);
  });

  it("a refusal is final", async () => {
    const { attempt, calls } = failing([refused]);
    await expect(
      withRetries(attempt, { action: "DescribeKey", write: false, policy: fast }),
    ).rejects.toMatchObject({
      code: "Rejected.Disabled",
    });
    expect(calls()).toBe(1);
  });

  it("gives up after the retry budget with the last error", async () => {
    const { attempt, calls } = failing(Array.from({ length: 10 }, () => lost));
    await expect(
      withRetries(attempt, { action: "ListKeys", write: false, policy: fast }),
    ).rejects.toMatchObject({
      code: "NetworkError",
    });
    expect(calls()).toBe(5);
  });

  it("keeps retrying throttling well past that budget: the quota is shared, not broken", async () => {
    const { attempt, calls } = failing(Array.from({ length: 20 }, () => throttled));
    await expect(
      withRetries(attempt, { action: "ListKeys", write: false, policy: fast }),
    ).resolves.toBeDefined();
    expect(calls()).toBe(21);
  });

  it("throttling spends none of the fault budget: faults after many throttles still get every retry", async () => {
    const script = [...Array.from({ length: 12 }, () => throttled), ...Array.from({ length: 4 }, () => lost)];
    const { attempt, calls } = failing(script);
    const seen: RetryInfo[] = [];
    const result = await withRetries(attempt, {
      action: "DescribeKey",
      write: false,
      policy: fast,
      onRetry: (i) => seen.push(i),
    });
    expect(result).toBe("ok");
    expect(calls()).toBe(17);
    expect(seen.filter((i) => i.throttled)).toHaveLength(12);
    expect(seen.at(-1)).toMatchObject({ throttled: false, retriesLeft: 0 });
  });

  it("faults stop at the time budget even with retries left", async () => {
    const slowFaults = { ...fast, retries: 100, minTimeoutMs: 20, maxTimeoutMs: 20, faultBudgetMs: 100 };
    const { attempt, calls } = failing(Array.from({ length: 100 }, () => lost));
    await expect(
      withRetries(attempt, { action: "DescribeKey", write: false, policy: slowFaults }),
    ).rejects.toMatchObject({ code: "NetworkError" });
    expect(calls()).toBeGreaterThan(1);
    expect(calls()).toBeLessThan(100);
  });

  it("after a timeout, no retry unless a whole attempt still fits in the fault budget", async () => {
    const timedOut = () =>
      new KmsError({ code: "Timeout", message: "slow", retryable: true, outcomeUnknown: true });
    const { attempt, calls } = failing([timedOut, timedOut]);
    const policy = { ...fast, faultBudgetMs: 15_000, timeoutMs: 20_000 };
    await expect(withRetries(attempt, { action: "DescribeKey", write: false, policy })).rejects.toMatchObject(
      {
        code: "Timeout",
      },
    );
    expect(calls()).toBe(1);
  });

  it("an abort during the backoff stops further attempts with a final Aborted error", async () => {
    const controller = new AbortController();
    const { attempt, calls } = failing(Array.from({ length: 10 }, () => throttled));
    const slow = { ...DEFAULT_RETRY_POLICY, retries: 10, minTimeoutMs: 200, maxTimeoutMs: 200 };
    const pending = withRetries(attempt, {
      action: "ListKeys",
      write: false,
      policy: slow,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const error = await pending.catch((e) => e);
    expect(isKmsError(error) && error.code).toBe("Aborted");
    expect(error).toMatchObject({ retryable: false, outcomeUnknown: false });
    expect(calls()).toBe(1);
  });
});
