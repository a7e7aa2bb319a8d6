// The SDK adapter against the emulator: what describeKey and the lists return, in both signature versions.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { isKmsError } from "../../src/kms/index.js";
import { clientFor, createKey, REGION, serviceCall, start } from "./helpers.js";

let emulator: RunningEmulator;
let symmetric: string;
let signer: string;
let accountId: string;

beforeAll(async () => {
  emulator = await start({ instances: { "kst-hzz123": "hsm" } });
  accountId = emulator.service.accountId;
  symmetric = createKey(emulator, { EnableAutomaticRotation: "true", RotationInterval: "30d" });
  signer = createKey(emulator, {
    KeySpec: "RSA_2048",
    KeyUsage: "SIGN/VERIFY",
    DKMSInstanceId: "kst-hzz123",
  });
  serviceCall(emulator, "CreateAlias", { KeyId: symmetric, AliasName: "alias/orders-db" });
  serviceCall(emulator, "CreateAlias", { KeyId: symmetric, AliasName: "alias/orders-db-2" });
  serviceCall(emulator, "TagResource", {
    KeyId: symmetric,
    Tags: JSON.stringify([{ TagKey: "team", TagValue: "orders" }]),
  });
});

afterAll(async () => {
  await emulator?.close();
});

describe.each(["v3", "v1"] as const)("with signature %s", (signatureVersion) => {
  const kms = () => clientFor(emulator, { signatureVersion });

  it("describeKey by id gives the key in our vocabulary, interval in seconds", async () => {
    const key = await kms().describeKey(symmetric);
    expect(key).toMatchObject({
      keyId: symmetric,
      arn: `acs:kms:${REGION}:${accountId}:key/${symmetric}`,
      region: REGION,
      keyState: "Enabled",
      keySpec: "Aliyun_AES_256",
      origin: "Aliyun_KMS",
      creatorType: "User",
      automaticRotation: "Enabled",
      rotationInterval: 30 * 86_400,
    });
    expect(key.creationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(key.nextRotationDate).toBeDefined();
    expect(key).not.toHaveProperty("dkmsInstanceId");
  });

  it("describeKey by alias and by ARN finds the same key", async () => {
    const byId = await kms().describeKey(symmetric);
    expect(await kms().describeKey("alias/orders-db")).toEqual(byId);
    expect(await kms().describeKey(byId.arn)).toEqual(byId);
  });

  it("describeKey keeps what the typed SDK models drop: the KMS instance id, and its ProtectionLevel", async () => {
    const key = await kms().describeKey(signer);
    expect(key).toMatchObject({
      keySpec: "RSA_2048",
      keyUsage: "SIGN/VERIFY",
      dkmsInstanceId: "kst-hzz123",
      protectionLevel: "HSM",
    });
    expect(key).toMatchObject({ automaticRotation: "Disabled" });
    expect(key).not.toHaveProperty("rotationInterval");
  });

  it("a missing key and a missing alias are KmsErrors with the service's code and status 404", async () => {
    const missingKey = await kms()
      .describeKey("00000000-0000-0000-0000-000000000000")
      .catch((e) => e);
    expect(isKmsError(missingKey)).toBe(true);
    expect(missingKey).toMatchObject({ code: "Forbidden.KeyNotFound", status: 404, retryable: false });
    expect(missingKey.requestId).toBeTruthy();
    const missingAlias = await kms()
      .describeKey("alias/nope")
      .catch((e) => e);
    expect(missingAlias).toMatchObject({ code: "Forbidden.AliasNotFound", status: 404, retryable: false });
  });

  it("updateRotationPolicy sends the interval as the service's seconds", async () => {
    const key = createKey(emulator);
    await kms().updateRotationPolicy(key, true, 90 * 86_400);
    expect(await kms().describeKey(key)).toMatchObject({
      automaticRotation: "Enabled",
      rotationInterval: 90 * 86_400,
    });
    await kms().updateRotationPolicy(key, false, undefined);
    expect(await kms().describeKey(key)).toMatchObject({ automaticRotation: "Disabled" });
  });

  it("a refused write is a final KmsError", async () => {
    const error = await kms()
      .updateRotationPolicy(signer, true, 30 * 86_400)
      .catch((e) => e);
    expect(error).toMatchObject({
      code: "Rejected.UnsupportedOperation",
      status: 400,
      retryable: false,
      outcomeUnknown: false,
    });
  });

  it("createKeyVersion makes a version and countKeyVersions counts it", async () => {
    const key = createKey(emulator, { KeySpec: "EC_P256", KeyUsage: "SIGN/VERIFY" });
    expect(await kms().countKeyVersions(key)).toBe(1);
    // The first version counts for the 7-day rule.
    emulator.service.advanceClock(8 * 86_400);
    const version = await kms().createKeyVersion(key);
    expect(version.keyId).toBe(key);
    expect(version.keyVersionId).toBeTruthy();
    expect(await kms().countKeyVersions(key)).toBe(2);
    const page = await kms().listKeyVersions(key, 1, 10);
    expect(page.totalCount).toBe(2);
    expect(page.items.map((v) => v.keyVersionId)).toContain(version.keyVersionId);
  });
});

describe("lists", () => {
  it("listKeys pages with the service's TotalCount", async () => {
    const kms = clientFor(emulator);
    const first = await kms.listKeys(1, 1);
    expect(first.items).toHaveLength(1);
    expect(first.totalCount).toBeGreaterThanOrEqual(2);
    const all = await kms.listKeys(1, 100);
    expect(all.items.map((k) => k.keyId)).toEqual(expect.arrayContaining([symmetric, signer]));
    expect(all.items.find((k) => k.keyId === symmetric)?.arn).toContain(`key/${symmetric}`);
  });

  it("listAliases and listAliasesByKeyId see the aliases", async () => {
    const kms = clientFor(emulator);
    const aliases = await kms.listAliases(1, 100);
    expect(aliases.items.map((a) => a.aliasName)).toEqual(expect.arrayContaining(["alias/orders-db"]));
    const byKey = await kms.listAliasesByKeyId(symmetric);
    expect(byKey.map((a) => a.aliasName).sort()).toEqual(["alias/orders-db", "alias/orders-db-2"]);
    expect(byKey[0]).toMatchObject({
      keyId: symmetric,
      aliasArn: expect.stringContaining(":alias/orders-db"),
    });
  });

  it("listAliasesByKeyId pages through more aliases than one page holds", async () => {
    const key = createKey(emulator);
    for (let i = 0; i < 105; i += 1)
      serviceCall(emulator, "CreateAlias", { KeyId: key, AliasName: `alias/many-${i}` });
    const aliases = await clientFor(emulator).listAliasesByKeyId(key);
    expect(new Set(aliases.map((a) => a.aliasName)).size).toBe(105);
  });

  it("listResourceTags gives the key's tags", async () => {
    expect(await clientFor(emulator).listResourceTags(symmetric)).toEqual([{ key: "team", value: "orders" }]);
  });
});
