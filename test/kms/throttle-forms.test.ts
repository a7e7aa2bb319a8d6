// Both ways the service says "slow down" (429 Rejected.Throttling, 400 Throttling): the emulator answers
// in either form, and the client treats both as throttling, backing off until every call succeeds.

import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { RetryInfo } from "../../src/kms/index.js";
import { callAction, failure, openApiClient } from "../emulator/http/sdk.js";
import { clientFor, createKey, start } from "./helpers.js";

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const FORMS = [
  [429, "Rejected.Throttling", "QPS Limit Exceeded"],
  [400, "Throttling", "Request was denied due to request throttling."],
] as const;

describe.each(FORMS)("throttling answered as HTTP %i %s", (status, code, message) => {
  it("is what the emulator answers over its quota, through the official SDK", async () => {
    const emulator = await start({ qps: { read: 1 }, throttleCode: status });
    running.push(emulator);
    const client = openApiClient({ port: emulator.port }, "v3");
    const key = createKey(emulator);
    const calls = Array.from({ length: 4 }, () =>
      failure(callAction(client, "DescribeKey", { query: { KeyId: key } })).catch(() => undefined),
    );
    const refused = (await Promise.all(calls)).filter((e) => e !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(error).toMatchObject({ code, status });
      expect(error.data).toMatchObject({ Code: code, Message: message });
    }
  });

  it("is throttling to the client: retried with backoff until every call succeeds", async () => {
    const emulator = await start({ qps: { read: 2, write: 1 }, throttleCode: status });
    running.push(emulator);
    const key = createKey(emulator);
    const retries: RetryInfo[] = [];
    const kms = clientFor(emulator, {
      onRetry: (info) => retries.push(info),
      retries: 2,
      backoff: { minMs: 100, maxMs: 800 },
    });
    const reads = await Promise.all(Array.from({ length: 3 }, () => kms.describeKey(key)));
    expect(reads.every((k) => k.keyId === key)).toBe(true);
    await Promise.all([30, 30].map((days) => kms.updateRotationPolicy(key, true, days * 86_400)));
    expect(retries.length).toBeGreaterThan(0);
    for (const retry of retries) expect(retry.error).toMatchObject({ code, status, retryable: true });
  });
});
