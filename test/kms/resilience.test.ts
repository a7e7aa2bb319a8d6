// The client under a throttling, failing, slow or misconfigured KMS: what is retried, what surfaces,
// and that no secret ever appears in what surfaces.

import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKms, isKmsError, type RetryInfo } from "../../src/kms/index.js";
import { blackHole } from "../helpers/proxy.js";
import { callCount, clientFor, createKey, REGION, seeded, serviceCall, start } from "./helpers.js";

const running: RunningEmulator[] = [];
async function emulatorWith(options: Parameters<typeof start>[0]) {
  const emulator = await start(options);
  running.push(emulator);
  return emulator;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

function versionCount(emulator: RunningEmulator, keyId: string): number {
  return Number(
    (serviceCall(emulator, "ListKeyVersions", { KeyId: keyId }) as { TotalCount: number }).TotalCount,
  );
}

describe("throttling", () => {
  it("reads over the region's QPS are retried until every one succeeds", async () => {
    const emulator = await emulatorWith({ qps: { read: 5 } });
    const key = createKey(emulator);
    const retries: RetryInfo[] = [];
    const kms = clientFor(emulator, {
      onRetry: (info) => retries.push(info),
      retries: 8,
      backoff: { minMs: 100, maxMs: 1_000 },
    });
    // 15 reads at 5 per second: about 3 s of quota, reached only by backing off.
    const keys = await Promise.all(Array.from({ length: 15 }, () => kms.describeKey(key)));
    expect(keys.every((k) => k.keyId === key)).toBe(true);
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.error.code === "Rejected.Throttling" && r.error.status === 429)).toBe(true);
  });

  it("a throttled write is retried: the service refused it before acting", async () => {
    const emulator = await emulatorWith({ qps: { write: 1 } });
    const key = createKey(emulator);
    const kms = clientFor(emulator, { retries: 10, backoff: { minMs: 100, maxMs: 600 } });
    await Promise.all([0, 1, 2].map(() => kms.updateRotationPolicy(key, true, 30 * 86_400)));
    expect(await kms.describeKey(key)).toMatchObject({ automaticRotation: "Enabled" });
  });
});

describe("faults", () => {
  it("reads succeed through retries when a share of calls fail", async () => {
    const emulator = await emulatorWith({ faultRate: 0.3, random: seeded(7) });
    const key = createKey(emulator);
    const retries: RetryInfo[] = [];
    const kms = clientFor(emulator, { onRetry: (info) => retries.push(info), retries: 8 });
    for (let i = 0; i < 30; i += 1) expect((await kms.describeKey(key)).keyId).toBe(key);
    expect(retries.length).toBeGreaterThan(0);
  });

  it("a write whose response is lost surfaces as outcomeUnknown and is not sent again", async () => {
    // Fault rate 1 and a draw of 0.6: every call commits, then its connection is reset.
    const emulator = await emulatorWith({ faultRate: 1, random: () => 0.6 });
    const key = createKey(emulator, { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY" });
    emulator.service.advanceClock(8 * 86_400);
    const retries: RetryInfo[] = [];
    const error = await clientFor(emulator, { onRetry: (i) => retries.push(i) })
      .createKeyVersion(key)
      .catch((e) => e);
    expect(isKmsError(error)).toBe(true);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(retries).toEqual([]);
    expect(await callCount(emulator, "CreateKeyVersion")).toBe(1);
    // It did take effect: that is why the caller must read, not resend.
    expect(versionCount(emulator, key)).toBe(2);
  });

  it("a 5xx on a write is not retried and leaves the outcome unknown", async () => {
    // A draw of 0.75 picks "after: InternalFailure".
    const emulator = await emulatorWith({ faultRate: 1, random: () => 0.75 });
    const key = createKey(emulator);
    const error = await clientFor(emulator)
      .updateRotationPolicy(key, true, 30 * 86_400)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 500, retryable: true, outcomeUnknown: true });
    expect(await callCount(emulator, "UpdateRotationPolicy")).toBe(1);
  });

  it("a slow answer is a Timeout with an unknown outcome", async () => {
    const emulator = await emulatorWith({ latencyMs: 1_000 });
    const key = createKey(emulator);
    const error = await clientFor(emulator, { timeoutMs: 200, retries: 0 })
      .describeKey(key)
      .catch((e) => e);
    expect(error).toMatchObject({ code: "Timeout", retryable: true, outcomeUnknown: true });
  });

  it("an endpoint nobody listens on is a network error that never reached the service", async () => {
    const emulator = await emulatorWith({});
    const url = emulator.url;
    await emulator.close();
    const kms = createKms({
      region: REGION,
      endpoint: url,
      credentials: { accessKeyId: "local", accessKeySecret: "local" },
      retries: 1,
      backoff: { minMs: 1, maxMs: 1 },
    });
    const error = await kms.createKeyVersion("k").catch((e) => e);
    expect(error).toMatchObject({ code: "NetworkError", retryable: true, outcomeUnknown: false });
  });
});

describe("credentials", () => {
  const secret = "wrong-Secret-Value-1234";

  it.each(["v3", "v1"] as const)(
    "a wrong secret (%s) is a final error whose message holds no secret",
    async (signatureVersion) => {
      const emulator = await emulatorWith({});
      const kms = createKms({
        region: REGION,
        endpoint: emulator.url,
        signatureVersion,
        credentials: { accessKeyId: "local", accessKeySecret: secret, securityToken: "sts-Token-Value-5678" },
      });
      const error = await kms.describeKey("alias/anything").catch((e) => e);
      expect(isKmsError(error)).toBe(true);
      expect(error.retryable).toBe(false);
      expect(error.status).toBeGreaterThanOrEqual(400);
      expect(error.status).toBeLessThan(500);
      const everything = `${error.message} ${error.stack} ${String(error.cause?.message)} ${String(error.cause?.stack)} ${JSON.stringify(error)}`;
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain("sts-Token-Value-5678");
    },
  );

  it("an unknown access key id is a final error", async () => {
    const emulator = await emulatorWith({});
    const kms = createKms({
      region: REGION,
      endpoint: emulator.url,
      credentials: { accessKeyId: "nobody", accessKeySecret: "local" },
    });
    await expect(kms.listKeys(1, 10)).rejects.toMatchObject({ name: "KmsError", retryable: false });
  });

  it("the default chain reads the environment, lazily", async () => {
    const emulator = await emulatorWith({});
    const kms = await withEnv(
      { ALIBABA_CLOUD_ACCESS_KEY_ID: "local", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "local" },
      async () => {
        const client = createKms({ region: REGION, endpoint: emulator.url });
        await client.listKeys(1, 1);
        return client;
      },
    );
    expect(kms.region).toBe(REGION);
  });

  it("no credentials anywhere is CredentialsNotFound, final, before any call is sent", async () => {
    const emulator = await emulatorWith({});
    const error = await withEnv(NO_CREDENTIALS, () =>
      createKms({ region: REGION, endpoint: emulator.url })
        .describeKey("alias/x")
        .catch((e) => e),
    );
    expect(error).toMatchObject({ name: "KmsError", code: "CredentialsNotFound", retryable: false });
    expect(error.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
    // Where the chain looked, in words: the file it read, and nothing of the SDK's provider internals.
    expect(error.message).toContain(
      "(looked in the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET) and " +
        "the credentials file (/nonexistent/kms-rotation-test/credentials.ini, which does not exist))",
    );
    expect(error.message).not.toMatch(/undefined|providers in the chain/);
    expect(await callCount(emulator, "DescribeKey")).toBe(0);
  });
});

describe("abort", () => {
  it("abort stops retrying: no attempt is made after it", async () => {
    // A draw of 0.2 picks "before: ServiceUnavailableTemporary" for every call: reads retry and retry.
    const emulator = await emulatorWith({ faultRate: 1, random: () => 0.2 });
    const controller = new AbortController();
    const kms = clientFor(emulator, {
      retries: 50,
      backoff: { minMs: 40, maxMs: 40 },
      signal: controller.signal,
    });
    const pending = kms.describeKey("alias/x").catch((e) => e);
    setTimeout(() => controller.abort(), 150);
    const error = await pending;
    expect(error).toMatchObject({ code: "Aborted", retryable: false });
    const attempts = await callCount(emulator, "DescribeKey");
    expect(attempts).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await callCount(emulator, "DescribeKey")).toBe(attempts);
  });

  it("abort during a write in flight waits for its answer, so what it did is known", async () => {
    const emulator = await emulatorWith({ latencyMs: 400 });
    const key = createKey(emulator, { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY" });
    emulator.service.advanceClock(8 * 86_400);
    const controller = new AbortController();
    const pending = clientFor(emulator).createKeyVersion(key, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).resolves.toMatchObject({ keyId: key });
    expect(versionCount(emulator, key)).toBe(2);
  });

  it("abort before a write is sent stops it: it never reaches the service", async () => {
    const emulator = await emulatorWith({});
    const key = createKey(emulator, { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY" });
    const controller = new AbortController();
    controller.abort();
    const error = await clientFor(emulator)
      .createKeyVersion(key, { signal: controller.signal })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "Aborted", outcomeUnknown: false });
    expect(await callCount(emulator, "CreateKeyVersion")).toBe(0);
  });
});

const NO_CREDENTIALS: Record<string, string | undefined> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
  ALIBABA_CLOUD_SECURITY_TOKEN: undefined,
  ALIBABA_CLOUD_ROLE_ARN: undefined,
  ALIBABA_CLOUD_OIDC_PROVIDER_ARN: undefined,
  ALIBABA_CLOUD_OIDC_TOKEN_FILE: undefined,
  ALIBABA_CLOUD_CREDENTIALS_URI: undefined,
  ALIBABA_CLOUD_PROFILE: undefined,
  ALIBABA_CLOUD_ECS_METADATA: undefined,
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
  ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true",
  ALIBABA_CLOUD_CREDENTIALS_FILE: "/nonexistent/kms-rotation-test/credentials.ini",
  HOME: "/nonexistent/kms-rotation-test",
};

async function withEnv<T>(vars: Record<string, string | undefined>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    return await run();
  } finally {
    apply(saved);
  }
}

describe("an endpoint that never answers", () => {
  it("times out per --timeout, then every later call fails at once naming the endpoint", async () => {
    const hole = await blackHole();
    try {
      const kms = createKms({
        region: REGION,
        endpoint: hole.url,
        credentials: { accessKeyId: "local", accessKeySecret: "local" },
        timeoutMs: 300,
        backoff: { minMs: 5, maxMs: 10, faultBudgetMs: 1_000 },
      });
      const first = await kms.describeKey("alias/a").catch((e) => e);
      expect(first).toMatchObject({ code: "Timeout", outcomeUnknown: true });
      const connections = hole.connections();
      const later = await kms.describeKey("alias/b").catch((e) => e);
      expect(later).toMatchObject({ code: "EndpointUnreachable", retryable: false });
      expect(later.message).toContain(hole.url.slice("http://".length));
      expect(hole.connections()).toBe(connections);
    } finally {
      await hole.close();
    }
  });
});
