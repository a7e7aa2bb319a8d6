// Every action the emulator implements, through each official SDK generation and both signature versions.

import { describe, expect, it } from "vitest";
import { CALLERS, type Caller, caller, control, emulator, stats } from "./harness.js";

const ACTIONS = [
  "CreateKey",
  "DescribeKey",
  "ListKeys",
  "UpdateRotationPolicy",
  "CreateKeyVersion",
  "ListKeyVersions",
  "DescribeKeyVersion",
  "CreateAlias",
  "UpdateAlias",
  "DeleteAlias",
  "ListAliases",
  "ListAliasesByKeyId",
  "EnableKey",
  "DisableKey",
  "ScheduleKeyDeletion",
  "CancelKeyDeletion",
  "TagResource",
  "UntagResource",
  "ListResourceTags",
  "UpdateKeyDescription",
];

// biome-ignore lint/suspicious/noExplicitAny: raw service bodies, read the way a test reads JSON.
type Body = Record<string, any>;

async function createKeys(call: Caller): Promise<{ symmetric: string; asymmetric: string }> {
  const symmetric: Body = await call("CreateKey", { KeySpec: "Aliyun_AES_256", Description: "orders" });
  const asymmetric: Body = await call("CreateKey", { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY" });
  expect(symmetric.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(symmetric.KeyMetadata).toMatchObject({ KeyState: "Enabled", KeySpec: "Aliyun_AES_256" });
  return { symmetric: symmetric.KeyMetadata.KeyId, asymmetric: asymmetric.KeyMetadata.KeyId };
}

async function aliases(call: Caller, keyId: string): Promise<void> {
  await call("CreateAlias", { KeyId: keyId, AliasName: "alias/orders-db" });
  const byAlias: Body = await call("DescribeKey", { KeyId: "alias/orders-db" });
  expect(byAlias.KeyMetadata.KeyId).toBe(keyId);
  const listed: Body = await call("ListAliasesByKeyId", { KeyId: keyId });
  expect(listed.Aliases.Alias.map((a: Body) => a.AliasName)).toEqual(["alias/orders-db"]);
  const all: Body = await call("ListAliases", {});
  expect(all.TotalCount).toBe(1);
}

async function rotation(call: Caller, symmetric: string, asymmetric: string, advance: () => Promise<void>) {
  await call("UpdateRotationPolicy", {
    KeyId: "alias/orders-db",
    EnableAutomaticRotation: true,
    RotationInterval: "30d",
  });
  const described: Body = await call("DescribeKey", { KeyId: symmetric });
  expect(described.KeyMetadata).toMatchObject({ AutomaticRotation: "Enabled", RotationInterval: "2592000s" });
  await advance();
  const created: Body = await call("CreateKeyVersion", { KeyId: asymmetric });
  const versionId = created.KeyVersion.KeyVersionId;
  const versions: Body = await call("ListKeyVersions", { KeyId: asymmetric, PageSize: 10 });
  expect(versions.TotalCount).toBe(2);
  const version: Body = await call("DescribeKeyVersion", { KeyId: asymmetric, KeyVersionId: versionId });
  expect(version.KeyVersion.KeyVersionId).toBe(versionId);
}

async function tagsAndStates(call: Caller, keyId: string): Promise<void> {
  await call("TagResource", { KeyId: keyId, Tags: '[{"TagKey":"team","TagValue":"payments"}]' });
  const tags: Body = await call("ListResourceTags", { KeyId: keyId });
  expect(tags.Tags.Tag).toEqual([expect.objectContaining({ TagKey: "team", TagValue: "payments" })]);
  await call("UntagResource", { KeyId: keyId, TagKeys: '["team"]' });
  await call("UpdateKeyDescription", { KeyId: keyId, Description: "orders database" });
  await call("DisableKey", { KeyId: keyId });
  expect(((await call("DescribeKey", { KeyId: keyId })) as Body).KeyMetadata.KeyState).toBe("Disabled");
  await call("EnableKey", { KeyId: keyId });
  await call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: 7 });
  expect(((await call("DescribeKey", { KeyId: keyId })) as Body).KeyMetadata.KeyState).toBe(
    "PendingDeletion",
  );
  await call("CancelKeyDeletion", { KeyId: keyId });
  expect(((await call("DescribeKey", { KeyId: keyId })) as Body).KeyMetadata.KeyState).toBe("Enabled");
}

describe.each(CALLERS)("every action through %s", (name) => {
  it("creates, reads, rotates, tags, disables, schedules and deletes", async () => {
    const kms = await emulator();
    for (const action of ACTIONS) expect(kms.service.knows(action), action).toBe(true);
    const call = caller(name, { port: kms.port });
    const { symmetric, asymmetric } = await createKeys(call);
    await aliases(call, symmetric);
    await rotation(call, symmetric, asymmetric, async () => {
      await control(kms, "clock", { advance: "8d" });
    });
    await tagsAndStates(call, symmetric);
    const page: Body = await call("ListKeys", { PageNumber: 2, PageSize: 1 });
    expect(page).toMatchObject({ TotalCount: 2, PageNumber: 2, PageSize: 1 });
    expect(page.Keys.Key).toHaveLength(1);
    await call("UpdateAlias", { KeyId: asymmetric, AliasName: "alias/orders-db" });
    expect(((await call("DescribeKey", { KeyId: "alias/orders-db" })) as Body).KeyMetadata.KeyId).toBe(
      asymmetric,
    );
    await call("DeleteAlias", { AliasName: "alias/orders-db" });
    expect(((await call("ListAliases", {})) as Body).TotalCount).toBe(0);
    const counted = await stats(kms);
    for (const action of ACTIONS) expect(counted[action], action).toBeGreaterThan(0);
  });
});
