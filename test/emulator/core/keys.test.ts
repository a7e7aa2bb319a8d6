import { describe, expect, test } from "vitest";
import {
  createKey,
  createSigningKey,
  describe_,
  expectError,
  fail,
  freezeRealTime,
  ok,
  open,
} from "./helpers.js";

freezeRealTime();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("CreateKey and DescribeKey", () => {
  test("a new key is described with every KeyMetadata field in the service's shape", () => {
    const service = open();
    const created = ok(service.call("CreateKey", { Description: "orders" })).KeyMetadata;
    const meta = describe_(service, created.KeyId);
    expect(meta).toEqual(created);
    expect(meta.KeyId).toMatch(UUID);
    expect(meta.PrimaryKeyVersion).toMatch(UUID);
    expect(meta).toMatchObject({
      Arn: `acs:kms:cn-hangzhou:1234567890123456:key/${meta.KeyId}`,
      KeyState: "Enabled",
      KeySpec: "Aliyun_AES_256",
      KeyUsage: "ENCRYPT/DECRYPT",
      Origin: "Aliyun_KMS",
      ProtectionLevel: "SOFTWARE",
      Creator: "1234567890123456",
      Description: "orders",
      CreationDate: "2026-01-01T00:00:00Z",
      LastRotationDate: "2026-01-01T00:00:00Z",
      AutomaticRotation: "Disabled",
      DeletionProtection: "Disabled",
    });
    expect(meta).not.toHaveProperty("RotationInterval");
    expect(meta).not.toHaveProperty("NextRotationDate");
    // As recordings of the service show: empty, not absent; no description of deletion protection.
    expect(meta).toMatchObject({ DeleteDate: "", MaterialExpireTime: "", DKMSInstanceId: "" });
    expect(meta).not.toHaveProperty("DeletionProtectionDescription");
  });

  test("the account id and region given to the service appear in ARNs and Creator", () => {
    const service = open({ region: "cn-shanghai", accountId: "99" });
    const meta = describe_(service, createKey(service));
    expect(meta.Arn).toBe(`acs:kms:cn-shanghai:99:key/${meta.KeyId}`);
    expect(meta.Creator).toBe("99");
  });

  test("CreateKey with automatic rotation shows the interval in seconds and the next date", () => {
    const service = open();
    const meta = describe_(
      service,
      createKey(service, { EnableAutomaticRotation: "true", RotationInterval: "30d" }),
    );
    expect(meta).toMatchObject({
      AutomaticRotation: "Enabled",
      RotationInterval: "2592000s",
      NextRotationDate: "2026-01-31T00:00:00Z",
    });
  });

  test("a BYOK key starts PendingImport", () => {
    const service = open();
    expect(describe_(service, createKey(service, { Origin: "EXTERNAL" })).KeyState).toBe("PendingImport");
  });

  test.each([
    [{ KeySpec: "AES_999" }, "KeySpec"],
    [{ KeySpec: "EC_P256", KeyUsage: "ENCRYPT/DECRYPT" }, "KeyUsage"],
    [{ KeySpec: "Aliyun_AES_256", KeyUsage: "SIGN/VERIFY" }, "KeyUsage"],
    [{ Origin: "EXTERNAL", KeySpec: "RSA_2048" }, "Origin"],
    [{ ProtectionLevel: "TPM" }, "ProtectionLevel"],
    [{ EnableAutomaticRotation: "true", RotationInterval: "6d" }, "RotationInterval"],
  ])("CreateKey refuses %o with InvalidParameter naming %s", (params, name) => {
    const error = fail(open().call("CreateKey", params));
    expect(error).toMatchObject({ status: 400, code: "InvalidParameter" });
    expect(error.message).toContain(name);
  });

  test("CreateKey enabling rotation without an interval is MissingParameter", () => {
    expectError(open().call("CreateKey", { EnableAutomaticRotation: "true" }), 400, "MissingParameter");
  });

  test("CreateKey enabling rotation on an asymmetric key is Rejected.UnsupportedOperation", () => {
    const outcome = open().call("CreateKey", {
      KeySpec: "RSA_2048",
      EnableAutomaticRotation: "true",
      RotationInterval: "30d",
    });
    expectError(outcome, 400, "Rejected.UnsupportedOperation");
  });

  test("a key in a KMS instance shows its DKMSInstanceId", () => {
    const service = open({ instances: { "kst-hzz1": "software" } });
    const meta = describe_(service, createSigningKey(service, { DKMSInstanceId: "kst-hzz1" }));
    expect(meta.DKMSInstanceId).toBe("kst-hzz1");
  });
});

describe("KeyId parameters", () => {
  test("a key is found by id, alias, key ARN and alias ARN", () => {
    const service = open();
    const keyId = createKey(service);
    ok(service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/orders" }));
    for (const ref of [
      keyId,
      "alias/orders",
      `acs:kms:cn-hangzhou:1234567890123456:key/${keyId}`,
      "acs:kms:cn-hangzhou:1234567890123456:alias/orders",
    ]) {
      expect(describe_(service, ref).KeyId).toBe(keyId);
    }
  });

  test("an unknown key id is 404 Forbidden.KeyNotFound", () => {
    expectError(open().call("DescribeKey", { KeyId: "nope" }), 404, "Forbidden.KeyNotFound");
  });

  test("an unknown alias is 404 Forbidden.AliasNotFound", () => {
    expectError(open().call("DescribeKey", { KeyId: "alias/nope" }), 404, "Forbidden.AliasNotFound");
  });

  test("an ARN of another region is 404 Forbidden.KeyNotFound", () => {
    const service = open();
    const keyId = createKey(service);
    const arn = `acs:kms:cn-beijing:1234567890123456:key/${keyId}`;
    expectError(service.call("DescribeKey", { KeyId: arn }), 404, "Forbidden.KeyNotFound");
  });

  test("a missing KeyId is 400 MissingParameter", () => {
    expectError(open().call("DescribeKey", {}), 400, "MissingParameter");
  });
});

describe("actions", () => {
  test("knows() is true for exactly the implemented actions", () => {
    const service = open();
    const actions = [
      "CreateKey",
      "DescribeKey",
      "ListKeys",
      "CreateAlias",
      "DeleteAlias",
      "UpdateAlias",
      "ListAliases",
      "ListAliasesByKeyId",
      "UpdateRotationPolicy",
      "CreateKeyVersion",
      "ListKeyVersions",
      "DescribeKeyVersion",
      "EnableKey",
      "DisableKey",
      "ScheduleKeyDeletion",
      "CancelKeyDeletion",
      "TagResource",
      "UntagResource",
      "ListResourceTags",
      "UpdateKeyDescription",
    ];
    for (const action of actions) expect(service.knows(action), action).toBe(true);
    for (const action of ["Encrypt", "toString", "constructor", "GetSecretValue", ""]) {
      expect(service.knows(action), action).toBe(false);
    }
  });

  test("an unknown action is 404 InvalidAction.NotFound", () => {
    expectError(open().call("Encrypt", {}), 404, "InvalidAction.NotFound");
  });

  test("UpdateKeyDescription changes the description and needs Description", () => {
    const service = open();
    const keyId = createKey(service);
    ok(service.call("UpdateKeyDescription", { KeyId: keyId, Description: "new" }));
    expect(describe_(service, keyId).Description).toBe("new");
    expectError(service.call("UpdateKeyDescription", { KeyId: keyId }), 400, "MissingParameter");
  });

  test("DescribeKeyVersion answers one version and 404s an unknown one", () => {
    const service = open();
    const keyId = createKey(service);
    const primary = describe_(service, keyId).PrimaryKeyVersion;
    expect(ok(service.call("DescribeKeyVersion", { KeyId: keyId, KeyVersionId: primary }))).toEqual({
      KeyVersion: { KeyId: keyId, KeyVersionId: primary, CreationDate: "2026-01-01T00:00:00Z" },
    });
    const error = fail(service.call("DescribeKeyVersion", { KeyId: keyId, KeyVersionId: "x" }));
    expect(error.status).toBe(404);
  });
});
