import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import { describe_, freezeRealTime, ok, open, simulateCrash, tempDir, versionCount } from "./helpers.js";

freezeRealTime();

function fleetFile(yaml: string): string {
  const path = join(tempDir(), "fleet.yaml");
  writeFileSync(path, yaml);
  return path;
}

describe("seed fleets", () => {
  test("relative times, versions spread back from lastRotation, rotation, tags and aliases", () => {
    const seedPath = fleetFile(`version: 1
keys:
  - alias: alias/signer
    spec: RSA_2048
    usage: SIGN/VERIFY
    created: -400d
    versions: 3
    lastRotation: -200d
    tags: { team: payments }
  - aliases: [alias/db, alias/db-old]
    created: 2025-06-01T00:00:00Z
    rotation: { interval: 365d }
    description: orders
`);
    const service = open({ seedPath });
    expect(describe_(service, "alias/signer")).toMatchObject({
      CreationDate: "2024-11-27T00:00:00Z",
      LastRotationDate: "2025-06-15T00:00:00Z",
      AutomaticRotation: "Disabled",
    });
    expect(versionCount(service, "alias/signer")).toBe(3);
    expect(ok(service.call("ListResourceTags", { KeyId: "alias/signer" })).Tags.Tag[0]).toMatchObject({
      TagKey: "team",
      TagValue: "payments",
    });
    expect(describe_(service, "alias/db-old")).toMatchObject({
      Description: "orders",
      AutomaticRotation: "Enabled",
      RotationInterval: "31536000s",
      NextRotationDate: "2026-06-01T00:00:00Z",
    });
  });

  test("count makes that many copies with {i} replaced by 1..count", () => {
    const seedPath = fleetFile(`version: 1
keys:
  - alias: alias/batch-{i}
    description: batch {i}
    count: 500
`);
    const service = open({ seedPath });
    expect(ok(service.call("ListKeys", {})).TotalCount).toBe(500);
    expect(describe_(service, "alias/batch-500").Description).toBe("batch 500");
  });

  test("creator makes a service-managed key that ListKeys' CreatorType filter sees as Service", () => {
    const seedPath = fleetFile(`version: 1
account: "555"
keys:
  - alias: alias/acs/oss
    creator: Oss
    rotation: { interval: 365d }
  - alias: alias/mine
`);
    const service = open({ seedPath });
    expect(service.accountId).toBe("555");
    expect(describe_(service, "alias/acs/oss").Creator).toBe("Oss");
    expect(describe_(service, "alias/mine").Creator).toBe("555");
    const services = ok(
      service.call("ListKeys", { Filters: '[{"Key":"CreatorType","Values":["Service"]}]' }),
    );
    expect(services.TotalCount).toBe(1);
    const outcome = service.call("UpdateRotationPolicy", {
      KeyId: "alias/acs/oss",
      EnableAutomaticRotation: "false",
    });
    expect(outcome.ok ? "" : outcome.error.code).toBe("Rejected.UnsupportedOperation");
  });

  test("states, private key stores and regions", () => {
    const seedPath = fleetFile(`version: 1
keys:
  - alias: alias/off
    state: Disabled
    rotation: { interval: 30d }
  - alias: alias/bye
    state: PendingDeletion
    deleteDate: +10d
  - alias: alias/byok
    origin: EXTERNAL
    state: PendingImport
  - alias: alias/hsm
    spec: EC_P256
    dkmsInstanceId: kst-1
  - alias: alias/elsewhere
    region: cn-shanghai
`);
    const service = open({ seedPath });
    expect(describe_(service, "alias/off").AutomaticRotation).toBe("Suspended");
    expect(describe_(service, "alias/bye")).toMatchObject({
      KeyState: "PendingDeletion",
      DeleteDate: "2026-01-11T00:00:00Z",
    });
    expect(describe_(service, "alias/byok").KeyState).toBe("PendingImport");
    expect(describe_(service, "alias/hsm")).toMatchObject({
      DKMSInstanceId: "kst-1",
      KeyUsage: "SIGN/VERIFY",
    });
    expect(ok(service.call("ListKeys", {})).TotalCount).toBe(4);
    // An entry without a region goes into every region.
    expect(ok(open({ seedPath, region: "cn-shanghai" }).call("ListKeys", {})).TotalCount).toBe(5);
  });

  test("a seed applies only to a new state", () => {
    const seedPath = fleetFile("version: 1\nkeys:\n  - alias: alias/a\n");
    const statePath = join(tempDir(), "state.json");
    const first = open({ statePath, seedPath });
    ok(first.call("DeleteAlias", { AliasName: "alias/a" }));
    simulateCrash(statePath);
    const second = openService({ region: "cn-hangzhou", statePath, seedPath });
    expect(ok(second.call("ListAliases", {})).TotalCount).toBe(0);
    expect(ok(second.call("ListKeys", {})).TotalCount).toBe(1);
  });

  test("schema problems are reported as file:line:column", () => {
    const seedPath = fleetFile("version: 1\nkeys:\n  - alias: alias/a\n    colour: red\n  - spec: AES\n");
    expect(() => open({ seedPath })).toThrow(
      /fleet\.yaml:4:\d+: .*unknown field colour[\s\S]*fleet\.yaml:5:11: .*spec/,
    );
  });

  test.each([
    ["spec: RSA_2048\n    rotation: { interval: 30d }", /asymmetric/],
    ["rotation: { interval: 6d }", /7d\.\.730d/],
    ["state: PendingImport", /EXTERNAL/],
    ["created: -1d\n    lastRotation: -2d", /earlier/],
    ["created: 2026-02-30", /created: "2026-02-30" is not a time/],
    ["alias: alias/acs/x", /service-managed/],
  ])("a fleet entry that cannot exist is refused: %s", (entry, message) => {
    const seedPath = fleetFile(`version: 1\nkeys:\n  - ${entry}\n`);
    expect(() => open({ seedPath })).toThrow(message);
  });

  test("a rotation already due at seeding happens as the clock runs, dated when it fell due", () => {
    const seedPath = fleetFile(
      "version: 1\nkeys:\n  - alias: alias/a\n    created: -200d\n    rotation: { interval: 90d }\n",
    );
    const service = open({ seedPath });
    expect(describe_(service, "alias/a").LastRotationDate).toBe("2025-12-12T00:00:00Z");
    expect(versionCount(service, "alias/a")).toBe(3);
  });
});
