// KMS instances in the emulator's core: declared by option, by seed fleet or by the keys a seed names,
// kept in the state file, and the newer generation's rules for the keys in them.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { DAY, describe_, expectError, freezeRealTime, ok, open, tempDir, versionCount } from "./helpers.js";

freezeRealTime();

function fleetFile(yaml: string): string {
  const path = join(tempDir(), "fleet.yaml");
  writeFileSync(path, yaml);
  return path;
}

const enable = (KeyId: string, RotationInterval: string) => ({
  KeyId,
  EnableAutomaticRotation: "true",
  RotationInterval,
});

describe("KMS instances", () => {
  test("a seed fleet declares instances; its keys name theirs and take its ProtectionLevel", () => {
    const seedPath = fleetFile(`version: 1
instances:
  kst-soft: software
  kst-hsm: hsm
keys:
  - alias: alias/app
    dkmsInstanceId: kst-soft
    rotation: { interval: 365d }
  - alias: alias/vault
    dkmsInstanceId: kst-hsm
`);
    const service = open({ seedPath });
    expect(describe_(service, "alias/app")).toMatchObject({
      DKMSInstanceId: "kst-soft",
      ProtectionLevel: "SOFTWARE",
    });
    expect(describe_(service, "alias/vault")).toMatchObject({
      DKMSInstanceId: "kst-hsm",
      ProtectionLevel: "HSM",
    });
    // The fleet's instances take new keys too.
    const created = ok(service.call("CreateKey", { DKMSInstanceId: "kst-hsm" })).KeyMetadata;
    expect(created.ProtectionLevel).toBe("HSM");
  });

  test("an instance a seed key names without declaring it has the type its protectionLevel implies", () => {
    const seedPath = fleetFile(`version: 1
keys:
  - alias: alias/old-style
    protectionLevel: HSM
    dkmsInstanceId: kst-legacy
`);
    const service = open({ seedPath });
    expectError(
      service.call("UpdateRotationPolicy", enable("alias/old-style", "90d")),
      400,
      "Rejected.UnsupportedOperation",
    );
    expect(ok(service.call("CreateKey", { DKMSInstanceId: "kst-legacy" })).KeyMetadata.ProtectionLevel).toBe(
      "HSM",
    );
  });

  test.each([
    ["instances: { kst-1: hsm }\nkeys:\n  - dkmsInstanceId: kst-1\n    rotation: { interval: 90d }", /HSM/],
    [
      "instances: { kst-1: software }\nkeys:\n  - dkmsInstanceId: kst-1\n    rotation: { interval: 400d }",
      /7d\.\.365d/,
    ],
    [
      "instances: { kst-1: software }\nkeys:\n  - dkmsInstanceId: kst-1\n    protectionLevel: HSM",
      /does not match/,
    ],
    ["instances: { kst-1: tpm }\nkeys: []", /instances/],
  ])("a fleet the newer generation cannot hold is refused: %s", (body, message) => {
    expect(() => open({ seedPath: fleetFile(`version: 1\n${body}\n`) })).toThrow(message);
  });

  test("declared instances are kept in the state file; a second declaration of another type is refused", () => {
    const statePath = join(tempDir(), "state.json");
    const first = open({ statePath, instances: { "kst-a": "hsm" } });
    ok(first.call("CreateKey", { DKMSInstanceId: "kst-a" }));
    first.close();
    const second = open({ statePath, instances: { "kst-b": "software" } });
    expect(ok(second.call("CreateKey", { DKMSInstanceId: "kst-a" })).KeyMetadata.ProtectionLevel).toBe("HSM");
    expect(ok(second.call("CreateKey", { DKMSInstanceId: "kst-b" })).KeyMetadata.ProtectionLevel).toBe(
      "SOFTWARE",
    );
    second.close();
    const third = open({ statePath });
    expect(ok(third.call("CreateKey", { DKMSInstanceId: "kst-b" })).KeyMetadata.ProtectionLevel).toBe(
      "SOFTWARE",
    );
    third.close();
    expect(() => open({ statePath, instances: { "kst-a": "software" } })).toThrow(/kst-a is hsm already/);
    // The refusal let go of the file: it opens again.
    open({ statePath }).close();
  });

  test("CreateKey with ProtectionLevel in an instance gets the instance's level", () => {
    const service = open({ instances: { "kst-a": "software" } });
    const meta = ok(
      service.call("CreateKey", { DKMSInstanceId: "kst-a", ProtectionLevel: "HSM" }),
    ).KeyMetadata;
    expect(meta.ProtectionLevel).toBe("SOFTWARE");
  });

  test("an undeclared instance is refused with 400 InvalidParameter", () => {
    expectError(open().call("CreateKey", { DKMSInstanceId: "kst-nope" }), 400, "InvalidParameter");
  });

  test("a software-instance key rotates automatically as the clock passes NextRotationDate", () => {
    const service = open({ instances: { "kst-a": "software" } });
    const keyId = ok(service.call("CreateKey", { DKMSInstanceId: "kst-a" })).KeyMetadata.KeyId;
    ok(service.call("UpdateRotationPolicy", enable(keyId, "365d")));
    service.advanceClock(365 * DAY - 1);
    expect(versionCount(service, keyId)).toBe(1);
    service.advanceClock(1);
    expect(versionCount(service, keyId)).toBe(2);
  });
});
