// The service's shapes as its recordings show them: instance key and version ids, newest-first version
// listings, empty-string fields, the not-found code for a version.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DAY, describe_, expectError, freezeRealTime, ok, open, tempDir } from "./helpers.js";

freezeRealTime();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANCE_KEY = /^key-hzz[0-9a-z]{18}$/;

function versionIds(service: ReturnType<typeof open>, KeyId: string): string[] {
  const listed = ok(service.call("ListKeyVersions", { KeyId, PageSize: "100" }));
  return listed.KeyVersions.KeyVersion.map((v: { KeyVersionId: string }) => v.KeyVersionId);
}

describe("ids", () => {
  test("keys in a KMS instance get key-<region code>… ids and <key id>-<suffix> versions; shared keys UUIDs", () => {
    const service = open({ instances: { "kst-hzz1": "software" } });
    const instanceKey = ok(service.call("CreateKey", { DKMSInstanceId: "kst-hzz1" })).KeyMetadata.KeyId;
    const sharedKey = ok(service.call("CreateKey", {})).KeyMetadata.KeyId;
    expect(instanceKey).toMatch(INSTANCE_KEY);
    expect(sharedKey).toMatch(UUID);
    ok(service.call("CreateKeyVersion", { KeyId: instanceKey }));
    ok(
      service.call("UpdateRotationPolicy", {
        KeyId: instanceKey,
        EnableAutomaticRotation: "true",
        RotationInterval: "7d",
      }),
    );
    service.advanceClock(8 * DAY);
    const versions = versionIds(service, instanceKey);
    expect(versions).toHaveLength(3);
    for (const id of versions) expect(id).toMatch(new RegExp(`^${instanceKey}-[0-9a-z]{10}$`));
    expect(new Set(versions).size).toBe(3);
    for (const id of versionIds(service, sharedKey)) expect(id).toMatch(UUID);
    expect(describe_(service, instanceKey).PrimaryKeyVersion).toBe(versions[0]);
  });

  test("a seeded instance key gets the instance form too; a fixed keyId is kept", () => {
    const seedPath = join(tempDir(), "fleet.yaml");
    writeFileSync(
      seedPath,
      `version: 1
instances: { kst-a: software }
keys:
  - { alias: alias/a, dkmsInstanceId: kst-a, versions: 2, lastRotation: -10d, created: -100d }
  - { alias: alias/b, keyId: key-hzz6fixed00000000000 }
`,
    );
    const service = open({ seedPath });
    const a = describe_(service, "alias/a");
    expect(a.KeyId).toMatch(INSTANCE_KEY);
    for (const id of versionIds(service, a.KeyId)) expect(id.startsWith(`${a.KeyId}-`)).toBe(true);
    expect(describe_(service, "alias/b").KeyId).toBe("key-hzz6fixed00000000000");
  });

  test("other regions get a code of their own in the same shape", () => {
    const service = open({ region: "ap-southeast-1", instances: { "kst-x": "hsm" } });
    const keyId = ok(service.call("CreateKey", { DKMSInstanceId: "kst-x" })).KeyMetadata.KeyId;
    expect(keyId).toMatch(/^key-[a-z]{3}[0-9a-z]{18}$/);
  });
});

describe("listings and fields", () => {
  test("ListKeyVersions lists the newest first, across pages", () => {
    const service = open();
    const keyId = ok(service.call("CreateKey", { KeySpec: "EC_P256" })).KeyMetadata.KeyId;
    for (let i = 0; i < 4; i++) {
      service.advanceClock(7 * DAY);
      ok(service.call("CreateKeyVersion", { KeyId: keyId }));
    }
    const all = ok(service.call("ListKeyVersions", { KeyId: keyId, PageSize: "100" })).KeyVersions.KeyVersion;
    const dates = all.map((v: { CreationDate: string }) => v.CreationDate);
    expect(dates).toEqual([...dates].sort().reverse());
    const page2 = ok(service.call("ListKeyVersions", { KeyId: keyId, PageSize: "2", PageNumber: "2" }));
    expect(page2.KeyVersions.KeyVersion).toEqual(all.slice(2, 4));
    expect(page2.TotalCount).toBe(5);
    expect(describe_(service, keyId).PrimaryKeyVersion).toBe(all[0].KeyVersionId);
  });

  test("an unknown version is Forbidden.KeyVersionNotFound", () => {
    const service = open();
    const keyId = ok(service.call("CreateKey", {})).KeyMetadata.KeyId;
    expectError(
      service.call("DescribeKeyVersion", { KeyId: keyId, KeyVersionId: "v-none" }),
      404,
      "Forbidden.KeyVersionNotFound",
    );
  });

  test("DKMSInstanceId is empty on shared keys and the instance on instance keys; DeleteDate empty until scheduled", () => {
    const service = open({ instances: { "kst-1": "software" } });
    const shared = describe_(service, ok(service.call("CreateKey", {})).KeyMetadata.KeyId);
    const inInstance = describe_(
      service,
      ok(service.call("CreateKey", { DKMSInstanceId: "kst-1" })).KeyMetadata.KeyId,
    );
    expect(shared).toMatchObject({ DKMSInstanceId: "", DeleteDate: "", MaterialExpireTime: "" });
    expect(inInstance).toMatchObject({ DKMSInstanceId: "kst-1", DeleteDate: "" });
    ok(service.call("ScheduleKeyDeletion", { KeyId: shared.KeyId, PendingWindowInDays: "7" }));
    expect(describe_(service, shared.KeyId).DeleteDate).toBe("2026-01-08T00:00:00Z");
  });
});
