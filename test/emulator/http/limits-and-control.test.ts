// Quotas, injected faults and latency as the SDK meets them; the control endpoints that tests lean on.

import { describe, expect, it } from "vitest";
import { control, emulator, stats } from "./harness.js";
import { callAction, failure, Kms, kmsClient, openApiClient } from "./sdk.js";

/** Random numbers from a script, then 0.99 (no fault at any rate below 0.99). */
function scripted(...values: number[]): () => number {
  return () => values.shift() ?? 0.99;
}
/** The two draws that pick fault number `index` (see FAULTS in src/emulator/limits/faults.ts). */
const fault = (index: number) => [0, (index + 0.5) / 7];
const BEFORE_500 = fault(0);
const BEFORE_RESET = fault(3);
const AFTER_RESET = fault(4);
const AFTER_503 = fault(6);

async function symmetricKey(port: number): Promise<string> {
  const created = await kmsClient({ port }).createKey(
    new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }),
  );
  return created.keyMetadata?.keyId as string;
}

const aliasesOf = async (port: number, keyId: string) =>
  (await kmsClient({ port }).listAliasesByKeyId(new Kms.ListAliasesByKeyIdRequest({ keyId }))).aliases
    ?.alias ?? [];

describe("--qps", () => {
  it("answers calls past a group's limit in one second with 429 Rejected.Throttling", async () => {
    const kms = await emulator({ qps: { read: 5 } });
    const keyId = await symmetricKey(kms.port);
    const client = openApiClient({ port: kms.port }, "v3");
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, () => callAction(client, "DescribeKey", { query: { KeyId: keyId } })),
    );
    const refused = await Promise.all(
      burst.filter((r) => r.status === "rejected").map((r) => failure(Promise.reject(r.reason))),
    );
    expect(burst.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(refused).toHaveLength(15);
    for (const error of refused) expect(error).toMatchObject({ code: "Rejected.Throttling", status: 429 });
    expect(refused[0]?.data.Message).toBe("QPS Limit Exceeded");
    // Other groups keep their own quota, and the control endpoints are never throttled.
    await callAction(client, "CreateAlias", { query: { KeyId: keyId, AliasName: "alias/still-writable" } });
    const controls = await Promise.all(Array.from({ length: 20 }, () => control(kms, "stats")));
    expect(controls.every((c) => c.status === 200)).toBe(true);
    expect((await stats(kms)).DescribeKey).toBe(20);
  });
});

describe("--fault-rate", () => {
  it("a fault before the call leaves nothing done: 500 InternalFailure, or a reset connection", async () => {
    const kms = await emulator({ faultRate: 0.5, random: scripted(0.99, ...BEFORE_500, ...BEFORE_RESET) });
    const keyId = await symmetricKey(kms.port);
    const client = kmsClient({ port: kms.port });
    const create = (aliasName: string) =>
      client.createAlias(new Kms.CreateAliasRequest({ keyId, aliasName }));
    expect(await failure(create("alias/a"))).toMatchObject({ code: "InternalFailureError", status: 500 });
    const reset = await failure(create("alias/b"));
    expect(reset.status).toBe(0);
    expect(await aliasesOf(kms.port, keyId)).toEqual([]);
    expect(await stats(kms)).toMatchObject({ CreateAlias: 2 });
  });

  it("a fault after the call commits the write and loses the answer", async () => {
    const kms = await emulator({ faultRate: 0.5, random: scripted(0.99, ...AFTER_RESET, ...AFTER_503) });
    const keyId = await symmetricKey(kms.port);
    const client = kmsClient({ port: kms.port });
    const lost = await failure(
      client.createAlias(new Kms.CreateAliasRequest({ keyId, aliasName: "alias/lost" })),
    );
    expect(lost.status).toBe(0);
    const policy = new Kms.UpdateRotationPolicyRequest({
      keyId,
      enableAutomaticRotation: true,
      rotationInterval: "90d",
    });
    expect(await failure(client.updateRotationPolicy(policy))).toMatchObject({
      code: "ServiceUnavailableTemporaryError",
      status: 503,
    });
    expect((await aliasesOf(kms.port, keyId)).map((a: { aliasName?: string }) => a.aliasName)).toEqual([
      "alias/lost",
    ]);
    const read = await client.describeKey(new Kms.DescribeKeyRequest({ keyId }));
    expect(read.keyMetadata).toMatchObject({ automaticRotation: "Enabled", rotationInterval: "7776000s" });
    expect(await stats(kms)).toMatchObject({ CreateAlias: 1, UpdateRotationPolicy: 1, DescribeKey: 1 });
  });

  it("fails about that share of calls, counts every one, and never fails the control endpoints", async () => {
    const kms = await emulator({ faultRate: 0.3 });
    const client = openApiClient({ port: kms.port }, "v3");
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, () => callAction(client, "ListKeys", { query: { PageSize: "1" } })),
    );
    const failed = results.filter((r) => r.status === "rejected").length;
    expect(failed).toBeGreaterThan(20);
    expect(failed).toBeLessThan(110);
    expect((await stats(kms)).ListKeys).toBe(200);
    for (let i = 0; i < 30; i++) expect((await control(kms, "clock")).status).toBe(200);
  });
});

describe("--latency", () => {
  it("delays every RPC call but not the control endpoints", async () => {
    const kms = await emulator({ latencyMs: 150 });
    const started = performance.now();
    await failure(kmsClient({ port: kms.port }).describeKey(new Kms.DescribeKeyRequest({ keyId: "none" })));
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    const quick = performance.now();
    await control(kms, "clock");
    expect(performance.now() - quick).toBeLessThan(140);
  });
});

describe("/__emulator/clock and /__emulator/stats", () => {
  it("reads, advances and sets the simulated clock", async () => {
    const kms = await emulator({ clock: new Date("2026-01-01T00:00:00Z") });
    const now = Date.parse((await control(kms, "clock")).body.now as string);
    expect(now).toBeGreaterThanOrEqual(Date.parse("2026-01-01T00:00:00Z"));
    expect(now).toBeLessThan(Date.parse("2026-01-01T00:01:00Z"));
    const advanced = await control(kms, "clock", { advance: "8d" });
    expect(Date.parse(advanced.body.now as string) - now).toBeGreaterThanOrEqual(8 * 86_400_000);
    const set = await control(kms, "clock", { set: "2027-06-01T12:00:00Z" });
    expect(set).toEqual({ status: 200, body: { now: expect.stringMatching(/^2027-06-01T12:00:0\d/) } });
    expect((await control(kms, "clock", { advance: "eight days" })).status).toBe(400);
    expect((await control(kms, "clock", { set: "tomorrow" })).status).toBe(400);
    // Not rolled over to March, nor read as local time: refused, and the clock stays where it was.
    for (const bad of ["2027-02-30T00:00:00Z", "2027-06-01T24:30:00Z", "2027-06-01T12:00:00"]) {
      const refused = await control(kms, "clock", { set: bad });
      expect(refused.status).toBe(400);
      expect(String(refused.body.error)).toContain(JSON.stringify(bad));
    }
    expect((await control(kms, "clock")).body.now).toMatch(/^2027-06-01T12:00:0\d/);
  });

  it("the simulated clock governs keys: a new key's CreationDate is on it", async () => {
    const kms = await emulator({ clock: new Date("2030-03-03T03:03:03Z") });
    const key = await kmsClient({ port: kms.port }).createKey(
      new Kms.CreateKeyRequest({ keySpec: "Aliyun_SM4" }),
    );
    expect(key.keyMetadata?.creationDate).toMatch(/^2030-03-03T03:03/);
  });

  it("counts every request that names an action, whatever its outcome", async () => {
    const kms = await emulator();
    await failure(
      kmsClient({ port: kms.port, accessKeySecret: "bad" }).describeKey(
        new Kms.DescribeKeyRequest({ keyId: "k" }),
      ),
    );
    await failure(kmsClient({ port: kms.port }).describeKey(new Kms.DescribeKeyRequest({ keyId: "k" })));
    await failure(callAction(openApiClient({ port: kms.port }, "v3"), "Nope"));
    await symmetricKey(kms.port);
    expect(await stats(kms)).toEqual({ CreateKey: 1, DescribeKey: 2, Nope: 1 });
    expect((await control(kms, "nothing-here")).status).toBe(404);
  });
});
