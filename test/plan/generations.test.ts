// The planner's rules table, row by row, for both generations of the service: shared KMS and keys in KMS
// instances (DKMSInstanceId set; ProtectionLevel tells a software instance from an HSM one).

import { describe, expect, it } from "vitest";
import {
  type Action,
  DAY,
  type DesiredKey,
  type ObservedKey,
  type RotationPolicy,
} from "../../src/model/index.js";
import { planKey, rulesFor } from "../../src/plan/index.js";
import { reasonText, warningText } from "../../src/words/problem-text.js";
import { observedKey } from "../helpers/observed.js";

const NOW = new Date("2026-11-23T00:00:00Z");
const daysAgo = (d: number) =>
  new Date(NOW.getTime() - d * DAY * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

const base: ObservedKey = observedKey({
  keyId: "key-1",
  creationDate: daysAgo(400),
  lastRotationDate: daysAgo(400),
  versionCount: 1,
});
const signing = { keySpec: "EC_P256", keyUsage: "SIGN/VERIFY" } as const;
const software = { dkmsInstanceId: "kst-hzz1", protectionLevel: "SOFTWARE" } as const;
const hsm = { dkmsInstanceId: "kst-hzz2", protectionLevel: "HSM" } as const;

/** The rows of the table, in order, by a key each matches. */
const ROWS: readonly [string, ObservedKey][] = [
  ["service-managed", { ...base, creatorType: "Service" }],
  ["BYOK", { ...base, origin: "EXTERNAL" }],
  ["in an HSM KMS instance", { ...base, ...hsm }],
  ["in an HSM KMS instance", { ...base, ...hsm, ...signing }],
  ["asymmetric in a KMS instance", { ...base, ...software, ...signing }],
  ["symmetric in a software KMS instance", { ...base, ...software }],
  ["symmetric", { ...base }],
  ["asymmetric", { ...base, ...signing }],
];

const automatic = (days: number): RotationPolicy => ({ mode: "automatic", interval: days * DAY });
const manual = (days: number): RotationPolicy => ({ mode: "manual", interval: days * DAY });
const desired = (rotation: RotationPolicy): DesiredKey => ({
  key: "alias/k",
  ref: { kind: "alias", alias: "alias/k" },
  region: "cn-hangzhou",
  rotation,
});
/** The decision as people read it: a blocked reason and the warnings in the words the views print. */
const decision = (key: ObservedKey, rotation: RotationPolicy) => {
  const planned = planKey(desired(rotation), { found: true, key }, NOW);
  const action: Action =
    planned.action.kind === "blocked"
      ? {
          kind: "blocked",
          reason: { code: planned.action.reason.code, message: reasonText(planned.action.reason) },
        }
      : planned.action;
  return { ...planned, action, warnings: planned.warnings.map(warningText) };
};
const action = (key: ObservedKey, rotation: RotationPolicy) => decision(key, rotation).action;

describe("the rules table: each row is matched by the keys it names", () => {
  it.each(ROWS)("%s", (rule, key) => {
    expect(rulesFor(key).rule).toBe(rule);
  });
});

describe("shared KMS (no DKMSInstanceId)", () => {
  it("symmetric: automatic 7d..730d, no manual", () => {
    const key = ROWS[6]?.[1] as ObservedKey;
    expect(action(key, automatic(7))).toEqual({
      kind: "update-rotation-policy",
      enable: true,
      interval: 7 * DAY,
    });
    expect(action(key, automatic(730)).kind).toBe("update-rotation-policy");
    expect(action(key, automatic(731))).toEqual({
      kind: "blocked",
      reason: {
        code: "AutomaticRotationUnsupported",
        message: "interval 731d is outside 7d to 730d for a key outside a KMS instance",
      },
    });
    expect(action(key, manual(90))).toMatchObject({ reason: { code: "ManualRotationUnsupported" } });
  });

  it("asymmetric: manual at least 7d apart and under 50 versions, no automatic", () => {
    const key = ROWS[7]?.[1] as ObservedKey;
    expect(action(key, manual(90))).toEqual({ kind: "create-key-version" });
    expect(action({ ...key, versionCount: 50 }, manual(90))).toMatchObject({
      reason: { code: "VersionCapReached" },
    });
    expect(action(key, automatic(90))).toMatchObject({ reason: { code: "AutomaticRotationUnsupported" } });
  });
});

describe("a symmetric key in a software KMS instance", () => {
  const key = { ...base, ...software };

  it("rotates automatically every 7d to 365d", () => {
    expect(action(key, automatic(7)).kind).toBe("update-rotation-policy");
    expect(action(key, automatic(365))).toEqual({
      kind: "update-rotation-policy",
      enable: true,
      interval: 365 * DAY,
    });
  });

  it("is blocked past 365d, the reason naming the instance's range", () => {
    expect(action(key, automatic(400))).toEqual({
      kind: "blocked",
      reason: {
        code: "AutomaticRotationUnsupported",
        message: "interval 400d is outside 7d to 365d for a key in a KMS instance",
      },
    });
  });

  it("a key already rotating every 400d that the file wants at 400d is no change", () => {
    const rotating = { ...key, automaticRotation: "Enabled" as const, rotationInterval: 400 * DAY };
    expect(action(rotating, automatic(400))).toEqual({ kind: "none" });
  });

  it("rotates manually by CreateKeyVersion when the current version is as old as the interval", () => {
    expect(action({ ...key, lastRotationDate: daysAgo(90) }, manual(90))).toEqual({
      kind: "create-key-version",
    });
    expect(action({ ...key, lastRotationDate: daysAgo(89) }, manual(90))).toEqual({ kind: "none" });
  });

  it("keeps our 7-day floor for manual rotation, and no 50-version cap", () => {
    const hourly: RotationPolicy = { mode: "manual", interval: 3600 };
    expect(action({ ...key, lastRotationDate: daysAgo(6) }, hourly)).toEqual({ kind: "none" });
    expect(action({ ...key, lastRotationDate: daysAgo(7) }, hourly)).toEqual({ kind: "create-key-version" });
    const many = decision({ ...key, lastRotationDate: daysAgo(30), versionCount: 80 }, manual(30));
    expect(many.action).toEqual({ kind: "create-key-version" });
    expect(many.warnings).toEqual([]);
  });

  it("mode manual on a key that rotates automatically turns automatic rotation off first", () => {
    const rotating = { ...key, automaticRotation: "Enabled" as const, rotationInterval: 90 * DAY };
    const notDue = decision({ ...rotating, lastRotationDate: daysAgo(10) }, manual(180));
    expect(notDue.action).toEqual({ kind: "update-rotation-policy", enable: false });
    expect(notDue.warnings).toEqual([
      "automatic rotation (every 90d) is turned off: mode manual rotates by CreateKeyVersion",
    ]);
    const due = decision({ ...rotating, lastRotationDate: daysAgo(200) }, manual(180));
    expect(due.action).toEqual({ kind: "update-rotation-policy", enable: false });
    expect(due.warnings.join()).toMatch(/a new version is due too/);
    const disabled = decision(
      { ...rotating, keyState: "Disabled", automaticRotation: "Suspended" },
      manual(180),
    );
    expect(disabled.action).toMatchObject({ kind: "blocked", reason: { code: "KeyDisabled" } });
  });

  it("off turns automatic rotation off", () => {
    const rotating = { ...key, automaticRotation: "Enabled" as const, rotationInterval: 90 * DAY };
    expect(action(rotating, { mode: "off" })).toEqual({ kind: "update-rotation-policy", enable: false });
  });
});

describe("keys in a KMS instance that do not rotate", () => {
  it.each([
    ["a symmetric key in an HSM instance", { ...base, ...hsm }, /HSM KMS instance/],
    ["an asymmetric key in an HSM instance", { ...base, ...hsm, ...signing }, /HSM KMS instance/],
    [
      "an asymmetric key in a software instance",
      { ...base, ...software, ...signing },
      /asymmetric key in a KMS instance/,
    ],
  ])("%s: neither automatic nor manual, the message naming the rule and the range", (_name, key, why) => {
    const auto = action(key, automatic(90));
    expect(auto).toMatchObject({ kind: "blocked", reason: { code: "AutomaticRotationUnsupported" } });
    const byHand = action({ ...key, lastRotationDate: daysAgo(400) }, manual(90));
    expect(byHand).toMatchObject({ kind: "blocked", reason: { code: "ManualRotationUnsupported" } });
    for (const blocked of [auto, byHand]) {
      const message = blocked.kind === "blocked" ? reasonText(blocked.reason) : "";
      expect(message).toMatch(why);
      expect(message).toContain(
        "in a KMS instance only symmetric keys of a software instance rotate (automatically every 7d to 365d, or by CreateKeyVersion)",
      );
    }
  });

  it("off on such a key, which has no rotation, is no change", () => {
    expect(action({ ...base, ...hsm }, { mode: "off" })).toEqual({ kind: "none" });
  });
});
