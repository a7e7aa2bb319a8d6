// The service's newer generation through the official SDKs: KMS instances declared on the emulator, keys
// created in them, and each of its rules accepted and refused with the service's code and HTTP status.

import { describe, expect, it } from "vitest";
import { type Caller, caller, control, emulator } from "./harness.js";
import { failure, Kms, kmsClient } from "./sdk.js";

const INSTANCES = { "kst-soft": "software", "kst-hsm": "hsm" } as const;
const DAY = 86_400;

type Refusal = { code: string; status: number };
const refusal = async (promise: Promise<unknown>): Promise<Refusal> => {
  const error = (await promise.then(
    () => ({ code: "none", status: 200 }),
    (e: Refusal) => e,
  )) as Refusal;
  return { code: error.code, status: error.status };
};

async function start() {
  return emulator({ instances: INSTANCES, clock: new Date("2026-01-01T00:00:00Z") });
}

async function createIn(call: Caller, instance: string, params: Record<string, string> = {}) {
  const body = await call("CreateKey", { DKMSInstanceId: instance, ...params });
  return (body.KeyMetadata as Record<string, string>).KeyId as string;
}

const enable = (KeyId: string, RotationInterval: string) => ({
  KeyId,
  EnableAutomaticRotation: "true",
  RotationInterval,
});
const signing = { KeySpec: "EC_P256", KeyUsage: "SIGN/VERIFY" };

describe.each(["openapi-client (v3)", "openapi-client (v1)"] as const)("KMS instances through %s", (name) => {
  it("CreateKey puts a key in a declared instance, ProtectionLevel following the instance's type", async () => {
    const { port } = await start();
    const call = caller(name, { port });
    for (const [instance, level] of [
      ["kst-soft", "SOFTWARE"],
      ["kst-hsm", "HSM"],
    ] as const) {
      const keyId = await createIn(call, instance);
      const meta = (await call("DescribeKey", { KeyId: keyId })).KeyMetadata;
      expect(meta).toMatchObject({ DKMSInstanceId: instance, ProtectionLevel: level });
    }
  });

  it("CreateKey into an undeclared instance is 400 InvalidParameter, and makes no key", async () => {
    const { port } = await start();
    const call = caller(name, { port });
    expect(await refusal(createIn(call, "kst-nope"))).toEqual({ code: "InvalidParameter", status: 400 });
    expect((await call("ListKeys")).TotalCount).toBe(0);
  });

  it("a symmetric key in a software instance rotates automatically every 7d to 365d", async () => {
    const { port } = await start();
    const call = caller(name, { port });
    const keyId = await createIn(call, "kst-soft");
    for (const ok of ["7d", "365d", "8760h"]) await call("UpdateRotationPolicy", enable(keyId, ok));
    for (const refused of ["6d", "366d", "730d"]) {
      expect(await refusal(call("UpdateRotationPolicy", enable(keyId, refused)))).toEqual({
        code: "InvalidParameter",
        status: 400,
      });
    }
    expect((await call("DescribeKey", { KeyId: keyId })).KeyMetadata).toMatchObject({
      AutomaticRotation: "Enabled",
      RotationInterval: `${365 * DAY}s`,
    });
    const atCreation = { EnableAutomaticRotation: "true", RotationInterval: "400d" };
    expect(await refusal(createIn(call, "kst-soft", atCreation))).toEqual({
      code: "InvalidParameter",
      status: 400,
    });
  });

  it("a symmetric key in a software instance takes CreateKeyVersion, with no 7-day minimum", async () => {
    const { port } = await start();
    const call = caller(name, { port });
    const keyId = await createIn(call, "kst-soft");
    await call("CreateKeyVersion", { KeyId: keyId });
    await call("CreateKeyVersion", { KeyId: keyId });
    expect((await call("ListKeyVersions", { KeyId: keyId })).TotalCount).toBe(3);
  });

  it.each([
    ["a symmetric key in an HSM instance", "kst-hsm", {}],
    ["an asymmetric key in an HSM instance", "kst-hsm", signing],
    ["an asymmetric key in a software instance", "kst-soft", signing],
  ])("%s rotates neither way: 400 Rejected.UnsupportedOperation", async (_what, instance, params) => {
    const emu = await start();
    const call = caller(name, { port: emu.port });
    const keyId = await createIn(call, instance, params);
    emu.service.advanceClock(30 * DAY);
    const unsupported = { code: "Rejected.UnsupportedOperation", status: 400 };
    expect(await refusal(call("UpdateRotationPolicy", enable(keyId, "90d")))).toEqual(unsupported);
    expect(await refusal(call("CreateKeyVersion", { KeyId: keyId }))).toEqual(unsupported);
    const atCreation = { ...params, EnableAutomaticRotation: "true", RotationInterval: "90d" };
    expect(await refusal(createIn(call, instance, atCreation))).toEqual(unsupported);
  });

  it("automatic rotation of an instance key follows the simulated clock", async () => {
    const emu = await start();
    const call = caller(name, { port: emu.port });
    const keyId = await createIn(call, "kst-soft", {
      EnableAutomaticRotation: "true",
      RotationInterval: "30d",
    });
    await control(emu, "clock", { advance: "61d" });
    expect((await call("ListKeyVersions", { KeyId: keyId })).TotalCount).toBe(3);
    expect((await call("DescribeKey", { KeyId: keyId })).KeyMetadata).toMatchObject({
      LastRotationDate: "2026-03-02T00:00:00Z",
      NextRotationDate: "2026-04-01T00:00:00Z",
    });
  });
});

describe("KMS instances through @alicloud/kms20160120 (typed models, signature v1)", () => {
  it("refuses rotation of an HSM-instance key and an out-of-range interval with the service's codes", async () => {
    const emu = await start();
    const make = (params: Record<string, string>) => {
      const outcome = emu.service.call("CreateKey", params);
      if (!outcome.ok) throw new Error(outcome.error.code);
      return (outcome.body.KeyMetadata as { KeyId: string }).KeyId;
    };
    const hsmKey = make({ DKMSInstanceId: "kst-hsm" });
    const softKey = make({ DKMSInstanceId: "kst-soft" });
    const client = kmsClient({ port: emu.port });
    const policy = (keyId: string, interval: string) =>
      client.updateRotationPolicy(
        new Kms.UpdateRotationPolicyRequest({
          keyId,
          enableAutomaticRotation: true,
          rotationInterval: interval,
        }),
      );
    expect(await failure(policy(hsmKey, "90d"))).toMatchObject({
      code: "Rejected.UnsupportedOperationError",
      status: 400,
    });
    expect(
      await failure(client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId: hsmKey }))),
    ).toMatchObject({
      code: "Rejected.UnsupportedOperationError",
      status: 400,
    });
    expect(await failure(policy(softKey, "400d"))).toMatchObject({
      code: "InvalidParameterError",
      status: 400,
    });
    await policy(softKey, "365d");
    const version = await client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId: softKey }));
    expect(version.keyVersion.keyId).toBe(softKey);
  });
});
