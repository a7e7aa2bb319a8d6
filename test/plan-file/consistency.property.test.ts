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

const observed: fc.Arbitrary<ObservedKey> = fc
  .record({
    keyState: fc.constantFrom("Enabled", "Disabled", "PendingDeletion", "PendingImport"),
    keySpec: fc.constantFrom("Aliyun_AES_256", "RSA_2048", "EC_P256"),
    origin: fc.constantFrom("Aliyun_KMS", "EXTERNAL"),
    protectionLevel: fc.constantFrom("SOFTWARE", "HSM"),
    creatorType: fc.constantFrom("User" as const, "Service" as const),
    instance: fc.boolean(),
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

const rotation: fc.Arbitrary<RotationPolicy> = fc.oneof(
  fc.record({
    mode: fc.constant("automatic" as const),
    interval: fc.integer({ min: 7, max: 730 }).map((d) => d * DAY),
  }),
  fc.record({ mode: fc.constant("manual" as const), interval: fc.integer({ min: 7 * DAY, max: 900 * DAY }) }),
  fc.constant({ mode: "off" as const }),
);

describe("saved plan consistency", () => {
  it("every plan the planner makes, saved and read back, agrees with itself", () => {
    fc.assert(
      fc.property(observed, rotation, instant, fc.boolean(), (key, rotation, now, found) => {
        const desired: DesiredKey = {
          key: "alias/k",
          ref: { kind: "alias", alias: "alias/k" },
          region: "cn-hangzhou",
          rotation,
        };
        const observation = found
          ? ({ found: true, key } as const)
          : ({ found: false, code: "AliasNotFound", message: "no key has this alias" } as const);
        const made = plan([desired], [observation], new Date(now));
        expectConsistent(made, observation);
      }),
      { numRuns: 500 },
    );
  });

  it("holds at a manual key's due instant too, though the saved now is cut to the second", () => {
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
          expectConsistent(plan([desired], [observation], new Date(due + offset)), observation);
        },
      ),
      { numRuns: 500 },
    );
  });
});

function expectConsistent(made: Plan, observation: Observation): void {
  const saved = { config: "c.yaml", provider: {}, observed: fingerprints([observation]) };
  const json = JSON.parse(JSON.stringify(savedPlanToJson(made, saved)));
  expect(validatePlanJson(json)).toEqual([]);
  const parts = savedPartsFromJson(json);
  expect(inconsistentKeys(planFromJson(json), parts?.observed ?? new Map())).toEqual([]);
}
