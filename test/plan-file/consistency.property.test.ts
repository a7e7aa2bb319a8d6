// No false refusals: every saved plan the planner itself makes, for any key and any declared rotation,
// agrees with itself, so a plan only fails the check when someone edited it.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validatePlanJson } from "../../src/contract/documents.js";
import { planFromJson } from "../../src/contract/plan-json.js";
import {
  DAY,
  type DesiredKey,
  type Observation,
  type ObservedKey,
  type Plan,
  type RotationPolicy,
} from "../../src/model/index.js";
import { plan } from "../../src/plan/index.js";
import { inconsistentKeys } from "../../src/plan-file/consistency.js";
import { fingerprints, savedPartsFromJson, savedPlanToJson } from "../../src/plan-file/index.js";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const instant = fc.integer({ min: T0, max: T0 + 800 * DAY * 1000 });

// Most keys are ones a user can rotate (enabled, of the shared KMS or a software instance, theirs), so
// every action comes up; the rest cover the keys the planner blocks.
const observed: fc.Arbitrary<ObservedKey> = fc
  .record({
    keyState: fc.constantFrom(
      "Enabled",
      "Enabled",
      "Enabled",
      "Disabled",
      "PendingDeletion",
      "PendingImport",
    ),
    keySpec: fc.constantFrom("Aliyun_AES_256", "RSA_2048", "EC_P256"),
    origin: fc.constantFrom("Aliyun_KMS", "Aliyun_KMS", "Aliyun_KMS", "EXTERNAL"),
    protectionLevel: fc.constantFrom("SOFTWARE", "HSM"),
    creatorType: fc.constantFrom("User" as const, "User" as const, "User" as const, "Service" as const),
    instance: fc.constantFrom(false, false, false, true),
    automaticRotation: fc.constantFrom("Enabled" as const, "Disabled" as const, "Suspended" as const),
    rotationDays: fc.integer({ min: 7, max: 730 }),
    created: instant,
    rotatedAfter: fc.option(fc.integer({ min: 0, max: 400 * DAY * 1000 }), { nil: undefined }),
    versionCount: fc.integer({ min: 1, max: 50 }),
  })
  .map((o) => ({
    keyId: "key-1",
    arn: "acs:kms:cn-hangzhou:1:key/key-1",
    region: "cn-hangzhou",
    keyState: o.keyState,
    keySpec: o.keySpec,
    keyUsage: "ENCRYPT/DECRYPT",
    origin: o.origin,
    protectionLevel: o.protectionLevel,
    creatorType: o.creatorType,
    ...(o.instance ? { dkmsInstanceId: "kst-1" } : {}),
    automaticRotation: o.automaticRotation,
    ...(o.automaticRotation === "Disabled" ? {} : { rotationInterval: o.rotationDays * DAY }),
    creationDate: new Date(o.created).toISOString(),
    ...(o.rotatedAfter === undefined
      ? {}
      : { lastRotationDate: new Date(o.created + o.rotatedAfter).toISOString() }),
    primaryKeyVersion: "v-1",
    versionCount: o.versionCount,
  }));

/** Mostly a while after the key's last rotation, so versions fall due; now and then any instant at all. */
const clock = fc.oneof(
  { weight: 3, arbitrary: fc.record({ after: fc.integer({ min: 0, max: 900 * DAY * 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ any: instant }) },
);

const rotation: fc.Arbitrary<RotationPolicy> = fc.oneof(
  fc.record({
    mode: fc.constant("automatic" as const),
    interval: fc.integer({ min: 7, max: 730 }).map((d) => d * DAY),
  }),
  // Manual twice as often: a version is made only for the few keys that take CreateKeyVersion.
  {
    weight: 2,
    arbitrary: fc.record({
      mode: fc.constant("manual" as const),
      interval: fc.integer({ min: 7 * DAY, max: 900 * DAY }),
    }),
  },
  fc.constant({ mode: "off" as const }),
);

describe("saved plan consistency", () => {
  it("every plan the planner makes, saved and read back, agrees with itself", () => {
    // Each action the planner can choose, and a missing key: a generator that stops making one fails.
    const seen = { none: 0, "update-rotation-policy": 0, "create-key-version": 0, blocked: 0, missing: 0 };
    fc.assert(
      fc.property(
        observed,
        rotation,
        clock,
        fc.constantFrom(true, true, true, false),
        (key, rotation, at, found) => {
          const desired: DesiredKey = {
            key: "alias/k",
            ref: { kind: "alias", alias: "alias/k" },
            region: "cn-hangzhou",
            rotation,
          };
          const observation = found
            ? ({ found: true, key } as const)
            : ({ found: false, code: "AliasNotFound", message: "no key has this alias" } as const);
          const since = Date.parse(key.lastRotationDate ?? key.creationDate);
          const now = "after" in at ? since + at.after : at.any;
          const made = plan([desired], [observation], new Date(now));
          const kind = made.keys[0]?.action.kind;
          if (!found) seen.missing++;
          else if (kind !== undefined && kind in seen) seen[kind as keyof typeof seen]++;
          expectConsistent(made, observation);
        },
      ),
      { numRuns: 500 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("holds at a manual key's due instant too, though the saved now is cut to the second", () => {
    // Both sides of the due instant: a version made, and nothing yet to do.
    const seen = { "create-key-version": 0, none: 0 };
    fc.assert(
      fc.property(
        observed,
        fc.integer({ min: 7, max: 400 }),
        fc.integer({ min: -1500, max: 1500 }),
        (base, days, offset) => {
          const key = {
            ...base,
            keySpec: "RSA_2048",
            keyState: "Enabled",
            origin: "Aliyun_KMS",
            creatorType: "User" as const,
          };
          const rotation = { mode: "manual" as const, interval: days * DAY };
          const desired: DesiredKey = {
            key: "alias/k",
            ref: { kind: "alias", alias: "alias/k" },
            region: "cn-hangzhou",
            rotation,
          };
          const due = Date.parse(key.lastRotationDate ?? key.creationDate) + days * DAY * 1000;
          const observation = { found: true, key } as const;
          const made = plan([desired], [observation], new Date(due + offset));
          const kind = made.keys[0]?.action.kind;
          if (kind === "create-key-version" || kind === "none") seen[kind]++;
          expectConsistent(made, observation);
        },
      ),
      { numRuns: 500 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});

function expectConsistent(made: Plan, observation: Observation): void {
  const saved = { config: "c.yaml", provider: {}, observed: fingerprints([observation]) };
  const json = JSON.parse(JSON.stringify(savedPlanToJson(made, saved)));
  expect(validatePlanJson(json)).toEqual([]);
  const parts = savedPartsFromJson(json);
  expect(inconsistentKeys(planFromJson(json), parts?.observed ?? new Map())).toEqual([]);
}
