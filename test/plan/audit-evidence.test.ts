// An audit entry's facts as plan/audit-evidence.ts gives them: what KMS showed of a key (account, ages,
// the next rotation, the version cap) and a signing key's active version, or nothing known at all.

import { describe, expect, it } from "vitest";
import { DAY } from "../../src/model/index.js";
import { activeEvidence, atCap, evidenceOf, missingEvidence } from "../../src/plan/audit-evidence.js";
import { observedKey } from "../helpers/observed.js";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const base = { key: "alias/a", region: "cn-hangzhou", account: "9999999999999999" } as const;
const manual = { ...base, declared: { mode: "manual", interval: 90 * DAY } } as const;
const rsa = observedKey({
  keyId: "k-rsa",
  creationDate: "2026-09-01T00:00:00Z",
  keySpec: "RSA_2048",
  versionCount: 2,
});

describe("missingEvidence", () => {
  it("knows nothing of the key but the file's name, region, account and position", () => {
    const source = { file: "kms.yaml", line: 3, column: 5 };
    expect(missingEvidence({ ...base, source })).toEqual({
      keyId: null,
      key: "alias/a",
      region: "cn-hangzhou",
      account: "9999999999999999",
      spec: null,
      state: null,
      rotation: null,
      lastRotation: null,
      currentVersionAge: null,
      nextRotation: null,
      versionCount: null,
      source,
    });
  });
});

describe("evidenceOf", () => {
  it("reads the account from the ARN and ages the current version in whole seconds", () => {
    const key = observedKey({ keyId: "k1", creationDate: "2026-11-01T00:00:00Z" });
    expect(evidenceOf(base, key, NOW)).toEqual({
      keyId: "k1",
      key: "alias/a",
      region: "cn-hangzhou",
      account: "1234567890123456",
      spec: "Aliyun_AES_256",
      state: "Enabled",
      rotation: { automatic: "Disabled", interval: null },
      lastRotation: "2026-11-01T00:00:00Z",
      currentVersionAge: 30 * DAY,
      nextRotation: null,
      versionCount: null,
    });
  });

  it("the next rotation: KMS's date when automatic, the manual due date, none at the cap", () => {
    const automatic = observedKey({
      keyId: "k2",
      creationDate: "2026-11-01T00:00:00Z",
      automaticRotation: "Enabled",
      rotationInterval: 90 * DAY,
      nextRotationDate: "2027-01-30T00:00:00Z",
    });
    expect(evidenceOf(base, automatic, NOW).nextRotation).toBe("2027-01-30T00:00:00Z");
    expect(evidenceOf(manual, rsa, NOW).nextRotation).toBe("2026-11-30T00:00:00Z");
    expect(evidenceOf(base, rsa, NOW).nextRotation).toBeNull();
    expect(evidenceOf(manual, { ...rsa, versionCount: 50 }, NOW).nextRotation).toBeNull();
  });
});

describe("activeEvidence", () => {
  const signing = { ...manual, signing: { publishAhead: DAY, verifyFor: 7 * DAY } };
  const versions = [
    { keyVersionId: "v1", creationDate: "2026-09-01T00:00:00Z" },
    { keyVersionId: "v2", creationDate: "2026-11-01T00:00:00Z" },
  ];

  it("is undefined unless the file declares signing and KMS shows the key's versions", () => {
    expect(activeEvidence(manual, { ...rsa, signing: { versions } }, NOW)).toBeUndefined();
    expect(activeEvidence(signing, rsa, NOW)).toBeUndefined();
  });

  it("the active version's age; unknown when the pointer names no version KMS has", () => {
    const pointed = (activeVersion: string) => ({
      ...rsa,
      signing: { versions, activeVersion, activeSince: "2026-11-02T00:00:00Z" },
    });
    expect(activeEvidence(signing, pointed("v2"), NOW)).toEqual({
      activeVersion: "v2",
      activeVersionAge: 30 * DAY,
    });
    expect(activeEvidence(signing, pointed("v9"), NOW)).toEqual({
      activeVersion: "v9",
      activeVersionAge: null,
    });
  });
});

describe("atCap", () => {
  it("the cap once the counted versions reach it; undefined uncounted or without a cap", () => {
    expect(atCap({ ...rsa, versionCount: 50 })).toBe(50);
    expect(atCap({ ...rsa, versionCount: 49 })).toBeUndefined();
    expect(atCap({ ...rsa, versionCount: undefined })).toBeUndefined();
    expect(
      atCap(observedKey({ keyId: "k1", creationDate: "2026-11-01T00:00:00Z", versionCount: 99 })),
    ).toBeUndefined();
  });
});
