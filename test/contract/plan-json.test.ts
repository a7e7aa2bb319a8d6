import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validatePlanJson } from "../../src/contract/documents.js";
import { planFromJson, planToJson } from "../../src/contract/plan-json.js";
import { DAY } from "../../src/model/duration.js";
import { fingerprintOf, type ObservedFingerprint } from "../../src/model/index.js";
import type { KeyPlan, Plan } from "../../src/model/plan.js";
import { savedPartsFromJson, savedPlanToJson } from "../../src/plan-file/index.js";
import { observedKey } from "../helpers/observed.js";
import {
  backups,
  firmwareSigner,
  fullPlan,
  legacyReports,
  missingKey,
  NOW,
  ordersDb,
  paymentsSigner,
  planOf,
  turnedOff,
} from "../render/fixtures.js";
import { schemaErrors, validatePlanSchema } from "../render/schema.js";

/** Every kind of action a plan entry can hold: the generators draw from it and the properties count it. */
const ACTION_KINDS = [
  "none",
  "update-rotation-policy",
  "create-key-version",
  "promote-version",
  "blocked",
  "error",
] as const;

describe("plan JSON (contract section 6)", () => {
  it("an update-rotation-policy key has before and after with intervals as 90d", () => {
    expect(planToJson(planOf([ordersDb])).keys[0]).toStrictEqual({
      key: "alias/orders-db",
      keyId: "key-orders",
      region: "cn-hangzhou",
      action: "update-rotation-policy",
      before: { mode: "off" },
      after: { mode: "automatic", interval: "90d" },
    });
  });

  it("turning rotation off shows a suspended before and after mode off; 360h renders as 15d", () => {
    expect(planToJson(planOf([turnedOff])).keys[0]).toStrictEqual({
      key: "alias/old-cache",
      keyId: "key-cache",
      region: "cn-hangzhou",
      action: "update-rotation-policy",
      before: { mode: "automatic", interval: "15d", suspended: true },
      after: { mode: "off" },
    });
  });

  it("a create-key-version key carries its last rotation and version count", () => {
    expect(planToJson(planOf([paymentsSigner])).keys[0]).toStrictEqual({
      key: "alias/payments-signer",
      keyId: "key-payments",
      region: "cn-shanghai",
      action: "create-key-version",
      before: { mode: "off" },
      after: { mode: "manual", interval: "180d" },
      lastRotationDate: "2026-05-01T00:00:00Z",
      versionCount: 3,
    });
  });

  it("a blocked key has a reason; a key not found has no keyId and no before; 200h stays 200h", () => {
    const json = planToJson(planOf([legacyReports, missingKey]));
    expect(json.keys[0]).toStrictEqual({
      key: "alias/legacy-reports",
      keyId: "key-legacy",
      region: "cn-hangzhou",
      action: "blocked",
      before: { mode: "off" },
      after: { mode: "automatic", interval: "90d" },
      reason: { code: "KeyDisabled", message: "the key is Disabled: enable it to change its rotation" },
    });
    expect(json.keys[1]).toStrictEqual({
      key: "alias/gone",
      region: "cn-hangzhou",
      action: "blocked",
      after: { mode: "automatic", interval: "200h" },
      reason: { code: "AliasNotFound", message: "no alias alias/gone in cn-hangzhou" },
    });
  });

  it("a key with nothing to do has action none; warnings appear only when there are some", () => {
    const json = planToJson(planOf([backups, firmwareSigner]));
    expect(json.keys[0]).toStrictEqual({
      key: "alias/backups",
      keyId: "key-backups",
      region: "cn-hangzhou",
      action: "none",
      before: { mode: "automatic", interval: "30d" },
      after: { mode: "automatic", interval: "30d" },
    });
    expect(json.keys[1]?.warnings).toEqual(["46 of 50 versions used: the cap is reached in about 120d"]);
  });

  it("the top level is formatVersion, now, summary and keys in the order given, without nulls", () => {
    const json = planToJson(fullPlan);
    expect(Object.keys(json)).toEqual(["formatVersion", "now", "summary", "keys"]);
    expect(json.formatVersion).toBe(1);
    expect(json.now).toBe(NOW);
    expect(json.summary).toStrictEqual({ changes: 3, blocked: 1, unchanged: 2 });
    expect(json.keys.map((k) => k.key)).toEqual(fullPlan.keys.map((k) => k.key));
    expect(JSON.stringify(json)).not.toMatch(/null|undefined/);
  });

  it("undefined optional fields in the model are left out, not written as null", () => {
    const sloppy: KeyPlan = {
      ...backups,
      keyId: undefined,
      lastRotationDate: undefined,
      versionCount: undefined,
    };
    expect(Object.keys(planToJson(planOf([sloppy])).keys[0] ?? {})).toEqual([
      "key",
      "region",
      "action",
      "before",
      "after",
    ]);
  });
});

const observedOrders: ObservedFingerprint = {
  keyId: "key-orders",
  keyState: "Enabled",
  automaticRotation: "Disabled",
};
const observedPayments: ObservedFingerprint = {
  keyId: "key-payments",
  keyState: "Enabled",
  automaticRotation: "Disabled",
  lastRotationDate: "2026-05-01T00:00:00Z",
  primaryKeyVersion: "v-3",
  versionCount: 3,
};

describe("saved plan (plan --out)", () => {
  const saved = {
    config: "examples/quickstart.yaml",
    provider: { kind: "local", state: ".kms-rotation/local-kms.json" },
    observed: new Map([
      [0, observedOrders],
      [2, observedPayments],
    ]),
  };

  it("adds saved and per-key observed fingerprints to the same value", () => {
    const json = savedPlanToJson(planOf([ordersDb, missingKey, paymentsSigner]), saved);
    expect(json.saved).toStrictEqual({ config: saved.config, provider: saved.provider });
    expect(json.keys[0]?.observed).toStrictEqual(observedOrders);
    expect(json.keys[1]?.observed).toBeUndefined();
    expect(json.keys[2]?.observed).toStrictEqual(observedPayments);
    expect(schemaErrors(validatePlanSchema, json)).toEqual([]);
  });

  it("reads back the plan and the saved parts", () => {
    const plan = planOf([ordersDb, missingKey, paymentsSigner]);
    const json = JSON.parse(JSON.stringify(savedPlanToJson(plan, saved)));
    expect(validatePlanJson(json)).toEqual([]);
    expect(planFromJson(json)).toStrictEqual(plan);
    expect(savedPartsFromJson(json)).toStrictEqual(saved);
    expect(savedPartsFromJson(planToJson(plan))).toBeUndefined();
  });

  it("a fingerprint keeps only its own fields, even when given a whole ObservedKey", () => {
    const key = observedKey({
      keyId: "k",
      creationDate: "2026-01-01T00:00:00Z",
      automaticRotation: "Enabled",
      rotationInterval: 90 * DAY,
      primaryKeyVersion: "v1",
    });
    expect(fingerprintOf(key)).toStrictEqual({
      keyId: "k",
      keyState: "Enabled",
      automaticRotation: "Enabled",
      rotationInterval: 90 * DAY,
      primaryKeyVersion: "v1",
      // What the planner decides on, so a saved action can be checked against it.
      keySpec: "Aliyun_AES_256",
      origin: "Aliyun_KMS",
      protectionLevel: "SOFTWARE",
      creatorType: "User",
      creationDate: "2026-01-01T00:00:00Z",
    });
  });
});

describe("plan JSON round trip", () => {
  it("planFromJson(planToJson(plan)) is the plan, for any plan", () => {
    // Every kind of action went through the round trip: a generator that stops making one fails.
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(arbitraryPlan(), (generated) => {
        // fast-check builds records without a prototype; a plain copy compares like the planner's values.
        const plan = structuredClone(generated);
        for (const k of plan.keys) kinds.set(k.action.kind, (kinds.get(k.action.kind) ?? 0) + 1);
        const json = JSON.parse(JSON.stringify(planToJson(plan)));
        expect(schemaErrors(validatePlanSchema, json)).toEqual([]);
        expect(validatePlanJson(json)).toEqual([]);
        expect(planFromJson(json)).toStrictEqual(plan);
      }),
      { numRuns: 300 },
    );
    for (const kind of ACTION_KINDS) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(0);
  });
});

describe("validatePlanJson", () => {
  it("lists every problem with its JSON path", () => {
    const bad = {
      formatVersion: 2,
      now: "yesterday",
      summary: { changes: 0, blocked: 0, unchanged: 0 },
      keys: [
        { key: "a", region: "r", action: "blocked", after: { mode: "automatic", interval: "90 days" } },
        { key: "b", region: "r", action: "rotate", after: { mode: "off" }, colour: "red" },
        {
          key: "c",
          region: "r",
          action: "none",
          after: { mode: "off" },
          reason: { code: "KeyDisabled", message: "" },
        },
      ],
    };
    const problems = validatePlanJson(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        "/formatVersion: must be 1",
        "/now: must be an ISO-8601 date-time, e.g. 2026-11-23T00:00:00Z",
        "/keys/0: must have required property 'reason'",
        "/keys/0/after/interval: must be an interval: an integer and d, h, m or s, e.g. 90d",
        "/keys/1/action: must be one of none, update-rotation-policy, create-key-version, promote-version, blocked, error",
        '/keys/1: unknown field "colour"',
        "/keys/2/reason: not allowed here",
      ]),
    );
  });

  it("accepts the plan JSON of every action kind", () => {
    const json = planToJson(
      planOf([ordersDb, turnedOff, paymentsSigner, legacyReports, missingKey, backups]),
    );
    expect(validatePlanJson(json)).toEqual([]);
    expect(schemaErrors(validatePlanSchema, json)).toEqual([]);
  });

  it("refuses something that is not an object at all", () => {
    expect(validatePlanJson([])).toEqual(["/: must be object"]);
  });
});

/** Plans as the planner makes them: an update's interval is the declared one, enable follows the mode. */
function arbitraryPlan(): fc.Arbitrary<Plan> {
  const interval = fc.integer({ min: 1, max: 2000 * DAY });
  // Declared intervals are within the service's range (the plan schema bounds them); observed ones are not.
  const after = fc.oneof(
    fc.record({
      mode: fc.constant("automatic" as const),
      interval: fc.integer({ min: 7 * DAY, max: 730 * DAY }),
    }),
    fc.record({
      mode: fc.constant("manual" as const),
      interval: fc.integer({ min: 7 * DAY, max: 2000 * DAY }),
    }),
    fc.constant({ mode: "off" as const }),
  );
  const before = fc.option(
    fc.oneof(
      fc.record({ mode: fc.constant("automatic" as const), interval }),
      fc.record({ mode: fc.constant("automatic" as const), interval, suspended: fc.constant(true as const) }),
      fc.constant({ mode: "off" as const }),
    ),
    { nil: undefined },
  );
  const reason = fc.record({
    code: fc.constantFrom(
      "KeyNotFound" as const,
      "AliasNotFound" as const,
      "KeyDisabled" as const,
      "VersionCapReached" as const,
    ),
    message: fc.string(),
  });
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const entry = fc
    .record({
      key: fc.string({ minLength: 1 }),
      keyId: optional(fc.string()),
      region: fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1"),
      kind: fc.constantFrom(...ACTION_KINDS),
      before,
      after,
      reason,
      lastRotationDate: optional(fc.constant("2026-05-01T00:00:00Z")),
      versionCount: optional(fc.nat({ max: 50 })),
      warnings: fc.array(fc.string(), { maxLength: 2 }),
    })
    .map(toKeyPlan);
  return fc
    .record({
      keys: fc.array(entry, { maxLength: 8 }),
      now: fc.constantFrom(NOW, "2027-01-01T12:30:00.123Z"),
    })
    .map(({ keys, now }) => planOf(keys, now));
}

function toKeyPlan(r: {
  key: string;
  keyId: string | undefined;
  region: string;
  kind: string;
  before: KeyPlan["before"];
  after: KeyPlan["after"];
  reason: { code: "KeyNotFound" | "AliasNotFound" | "KeyDisabled" | "VersionCapReached"; message: string };
  lastRotationDate: string | undefined;
  versionCount: number | undefined;
  warnings: string[];
}): KeyPlan {
  const action: KeyPlan["action"] =
    r.kind === "blocked"
      ? { kind: "blocked", reason: r.reason }
      : r.kind === "update-rotation-policy"
        ? r.after.mode === "automatic"
          ? { kind: "update-rotation-policy", enable: true, interval: r.after.interval }
          : { kind: "update-rotation-policy", enable: false }
        : r.kind === "create-key-version"
          ? { kind: "create-key-version" }
          : r.kind === "promote-version"
            ? { kind: "promote-version", keyVersionId: "v-2" }
            : r.kind === "error"
              ? { kind: "error", error: { code: "Timeout", message: r.reason.message } }
              : { kind: "none" };
  return {
    key: r.key,
    region: r.region,
    ...(r.keyId !== undefined ? { keyId: r.keyId } : {}),
    action,
    ...(r.before !== undefined ? { before: r.before } : {}),
    after: r.after,
    ...(r.lastRotationDate !== undefined ? { lastRotationDate: r.lastRotationDate } : {}),
    ...(r.versionCount !== undefined ? { versionCount: r.versionCount } : {}),
    warnings: r.warnings.map((message) => ({ message })),
  };
}
