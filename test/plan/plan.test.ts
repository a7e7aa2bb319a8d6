import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rulesFor as serviceRulesFor } from "../../src/emulator/core/rules.js";
import {
  type Action,
  ASYMMETRIC_KEY_SPECS,
  DAY,
  type DesiredKey,
  MAX_KEY_VERSIONS,
  type Observation,
  type ObservedKey,
  type RotationPolicy,
  SYMMETRIC_KEY_SPECS,
} from "../../src/model/index.js";
import { plan, planKey } from "../../src/plan/index.js";
import { warningText } from "../../src/words/problem-text.js";
import { observedKey } from "../helpers/observed.js";

const NOW = new Date("2026-11-23T00:00:00Z");
const daysAgo = (d: number) =>
  new Date(NOW.getTime() - d * DAY * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");

function key(overrides: Partial<ObservedKey> = {}): ObservedKey {
  return observedKey({
    keyId: "0b30658a-ed1a-4922-b8f7-a673ca9c1234",
    creationDate: daysAgo(400),
    lastRotationDate: daysAgo(400),
    ...overrides,
  });
}
const signer = (overrides: Partial<ObservedKey> = {}) =>
  key({ keySpec: "RSA_2048", keyUsage: "SIGN/VERIFY", versionCount: 3, ...overrides });

function desired(rotation: RotationPolicy, name = "alias/orders-db"): DesiredKey {
  return { key: name, ref: { kind: "alias", alias: name }, region: "cn-hangzhou", rotation };
}
const found = (k: ObservedKey): Observation => ({ found: true, key: k });
const automatic = (days: number): RotationPolicy => ({ mode: "automatic", interval: days * DAY });
const manual = (days: number): RotationPolicy => ({ mode: "manual", interval: days * DAY });

describe("plan: automatic rotation", () => {
  it("a 30d policy matches KMS reporting 2592000s", () => {
    const observed = key({ automaticRotation: "Enabled", rotationInterval: 2_592_000 });
    expect(planKey(desired(automatic(30)), found(observed), NOW).action).toEqual({ kind: "none" });
  });

  it("turns rotation on for a symmetric key that has it off", () => {
    const p = planKey(desired(automatic(90)), found(key()), NOW);
    expect(p.action).toEqual({ kind: "update-rotation-policy", enable: true, interval: 90 * DAY });
    expect(p.before).toEqual({ mode: "off" });
  });

  it("changes the interval when KMS has another", () => {
    const observed = key({ automaticRotation: "Enabled", rotationInterval: 365 * DAY });
    expect(planKey(desired(automatic(90)), found(observed), NOW).action.kind).toBe("update-rotation-policy");
  });

  it("Suspended with the same interval is no change, with a warning", () => {
    const observed = key({
      keyState: "Disabled",
      automaticRotation: "Suspended",
      rotationInterval: 90 * DAY,
    });
    const p = planKey(desired(automatic(90)), found(observed), NOW);
    expect(p.action).toEqual({ kind: "none" });
    expect(p.before).toEqual({ mode: "automatic", interval: 90 * DAY, suspended: true });
    expect(p.warnings.map(warningText).join()).toMatch(/Suspended/);
  });

  it("a disabled key that already matches is none; one that needs a change is blocked KeyDisabled", () => {
    expect(planKey(desired({ mode: "off" }), found(key({ keyState: "Disabled" })), NOW).action.kind).toBe(
      "none",
    );
    const p = planKey(desired(automatic(90)), found(key({ keyState: "Disabled" })), NOW);
    expect(p.action).toMatchObject({ kind: "blocked", reason: { code: "KeyDisabled" } });
  });

  it.each([
    ["an asymmetric key", signer()],
    ["a BYOK key", key({ origin: "EXTERNAL" })],
    ["a service-managed key", key({ creatorType: "Service" })],
  ])("is AutomaticRotationUnsupported for %s", (_name, observed) => {
    const p = planKey(desired(automatic(90)), found(observed), NOW);
    expect(p.action).toMatchObject({ kind: "blocked", reason: { code: "AutomaticRotationUnsupported" } });
  });

  it("pending deletion and pending import block a change", () => {
    const pd = planKey(desired(automatic(90)), found(key({ keyState: "PendingDeletion" })), NOW);
    expect(pd.action).toMatchObject({ reason: { code: "KeyPendingDeletion" } });
    const pi = planKey(
      desired({ mode: "off" }),
      found(key({ keyState: "PendingImport", automaticRotation: "Enabled", rotationInterval: 30 * DAY })),
      NOW,
    );
    expect(pi.action).toMatchObject({ reason: { code: "KeyUnavailable" } });
  });

  it("off turns rotation off", () => {
    const observed = key({ automaticRotation: "Enabled", rotationInterval: 30 * DAY });
    expect(planKey(desired({ mode: "off" }), found(observed), NOW).action).toEqual({
      kind: "update-rotation-policy",
      enable: false,
    });
  });
});

describe("plan: manual rotation", () => {
  it("creates a version when the current one is as old as the interval", () => {
    const p = planKey(desired(manual(180)), found(signer({ lastRotationDate: daysAgo(180) })), NOW);
    expect(p.action).toEqual({ kind: "create-key-version" });
    expect(p.lastRotationDate).toBe(daysAgo(180));
  });

  it("does nothing before the interval has passed", () => {
    const p = planKey(desired(manual(180)), found(signer({ lastRotationDate: daysAgo(179) })), NOW);
    expect(p.action).toEqual({ kind: "none" });
  });

  it("never plans a version within 7 days, even for a shorter interval passed by a library caller", () => {
    const p = planKey(
      desired({ mode: "manual", interval: 3600 }),
      found(signer({ lastRotationDate: daysAgo(6) })),
      NOW,
    );
    expect(p.action).toEqual({ kind: "none" });
  });

  it("blocks at the 50-version cap", () => {
    const observed = signer({ lastRotationDate: daysAgo(200), versionCount: MAX_KEY_VERSIONS });
    expect(planKey(desired(manual(180)), found(observed), NOW).action).toMatchObject({
      kind: "blocked",
      reason: { code: "VersionCapReached" },
    });
  });

  it("warns when the cap will be reached within a year", () => {
    const observed = signer({ lastRotationDate: daysAgo(1), versionCount: 48 });
    const p = planKey(desired(manual(30)), found(observed), NOW);
    expect(p.action.kind).toBe("none");
    expect(p.warnings.map(warningText).join()).toMatch(/will reach the cap within a year/);
    const far = planKey(
      desired(manual(180)),
      found(signer({ lastRotationDate: daysAgo(1), versionCount: 10 })),
      NOW,
    );
    expect(far.warnings).toEqual([]);
  });

  it.each([
    ["a symmetric key", key()],
    ["an asymmetric key in a KMS instance", signer({ dkmsInstanceId: "kst-hzz6****" })],
  ])("is ManualRotationUnsupported for %s", (_name, observed) => {
    expect(planKey(desired(manual(90)), found(observed), NOW).action).toMatchObject({
      reason: { code: "ManualRotationUnsupported" },
    });
  });

  it("a disabled key that is due is blocked; one not due is none", () => {
    const due = signer({ keyState: "Disabled", lastRotationDate: daysAgo(200) });
    expect(planKey(desired(manual(180)), found(due), NOW).action).toMatchObject({
      reason: { code: "KeyDisabled" },
    });
    const notDue = signer({ keyState: "Disabled", lastRotationDate: daysAgo(10) });
    expect(planKey(desired(manual(180)), found(notDue), NOW).action.kind).toBe("none");
  });
});

describe("plan: missing keys and the summary", () => {
  it("a key KMS does not have is blocked with the lookup's code", () => {
    const obs: Observation = { found: false, code: "AliasNotFound", message: "alias/nope does not exist" };
    expect(planKey(desired(automatic(90), "alias/nope"), obs, NOW).action).toMatchObject({
      kind: "blocked",
      reason: { code: "AliasNotFound" },
    });
  });

  it("counts changes, blocked and unchanged", () => {
    const p = plan(
      [desired(automatic(90)), desired(automatic(90)), desired(manual(90))],
      [found(key()), found(key({ automaticRotation: "Enabled", rotationInterval: 90 * DAY })), found(key())],
      NOW,
    );
    expect(p.summary).toEqual({ changes: 1, blocked: 1, unchanged: 1, errors: 0 });
    expect(p.now).toBe("2026-11-23T00:00:00Z");
  });
});

// Arbitrary keys of every kind the service has, in every state, in and out of KMS instances of both types.
// Most are keys a user can rotate (enabled, theirs, of the shared KMS): with every field uniform, nine
// in ten were blocked and a write was planned a few dozen times in 3000.
const arbKey: fc.Arbitrary<ObservedKey> = fc
  .record({
    spec: fc.constantFrom(...SYMMETRIC_KEY_SPECS, ...ASYMMETRIC_KEY_SPECS),
    state: fc.constantFrom("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion", "PendingImport"),
    origin: fc.constantFrom("Aliyun_KMS", "Aliyun_KMS", "Aliyun_KMS", "EXTERNAL"),
    creatorType: fc.constantFrom("User" as const, "User" as const, "User" as const, "Service" as const),
    instance: fc.constantFrom(undefined, undefined, "software" as const, "hsm" as const),
    rotation: fc.option(fc.integer({ min: 7, max: 730 }), { nil: undefined }),
    lastDaysAgo: fc.integer({ min: -30, max: 2000 }),
    versions: fc.integer({ min: 1, max: 50 }),
  })
  .map((r) =>
    key({
      keySpec: r.spec,
      keyState: r.state,
      origin: r.origin,
      creatorType: r.creatorType,
      ...(r.instance ? { dkmsInstanceId: `kst-${r.instance}` } : {}),
      protectionLevel: r.instance === "hsm" ? "HSM" : "SOFTWARE",
      automaticRotation:
        r.rotation === undefined ? "Disabled" : r.state === "Enabled" ? "Enabled" : "Suspended",
      ...(r.rotation === undefined ? {} : { rotationInterval: r.rotation * DAY }),
      lastRotationDate: daysAgo(r.lastDaysAgo),
      versionCount: r.versions,
    }),
  );
const arbPolicy: fc.Arbitrary<RotationPolicy> = fc.oneof(
  fc.constant<RotationPolicy>({ mode: "off" }),
  fc.integer({ min: 7, max: 730 }).map(automatic),
  fc.integer({ min: 7, max: 1000 }).map(manual),
);

/** The emulator's own rules table (the oracle) for a key as DescribeKey shows it. */
function serviceRules(k: ObservedKey) {
  return serviceRulesFor({
    spec: k.keySpec,
    origin: k.origin,
    serviceManaged: k.creatorType === "Service",
    ...(k.dkmsInstanceId
      ? { dkmsInstanceId: k.dkmsInstanceId, instanceType: k.protectionLevel === "HSM" ? "hsm" : "software" }
      : {}),
  });
}

/** What the service does for a write: the model the emulator implements, reduced to what plans see. */
function afterWrite(k: ObservedKey, action: Action): ObservedKey {
  if (action.kind === "create-key-version")
    return { ...k, lastRotationDate: NOW.toISOString(), versionCount: (k.versionCount ?? 1) + 1 };
  if (action.kind !== "update-rotation-policy") return k;
  return action.enable
    ? { ...k, automaticRotation: "Enabled", rotationInterval: action.interval }
    : { ...k, automaticRotation: "Disabled", rotationInterval: undefined };
}

describe("plan: properties over every kind of key", () => {
  it("never plans a write the service would reject (the emulator's rules table is the oracle)", () => {
    // Every kind of action was planned: a generator that stops producing writes fails.
    const seen = { enable: 0, disable: 0, "create-key-version": 0, blocked: 0, none: 0 };
    fc.assert(
      fc.property(arbKey, arbPolicy, (k, p) => {
        const { action } = planKey(desired(p), found(k), NOW);
        if (action.kind === "update-rotation-policy") seen[action.enable ? "enable" : "disable"]++;
        else if (action.kind in seen) seen[action.kind as keyof typeof seen]++;
        const service = serviceRules(k);
        if (action.kind === "update-rotation-policy") {
          expect(k.keyState).toBe("Enabled");
          expect(service.automatic.supported).toBe(true);
          if (action.enable && service.automatic.supported) {
            expect(action.interval).toBeGreaterThanOrEqual(service.automatic.minInterval);
            expect(action.interval).toBeLessThanOrEqual(service.automatic.maxInterval);
          }
        }
        if (action.kind === "create-key-version") {
          expect(k.keyState).toBe("Enabled");
          expect(service.manual.supported).toBe(true);
          const since = NOW.getTime() - Date.parse(k.lastRotationDate as string);
          // Our own 7-day floor holds for every key, whatever the service's minimum.
          expect(since).toBeGreaterThanOrEqual(7 * DAY * 1000);
          if (service.manual.supported && service.manual.maxVersions !== undefined)
            expect(k.versionCount).toBeLessThan(service.manual.maxVersions);
        }
      }),
      { numRuns: 3000 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("after apply's writes (at most two, decided on fresh reads), the next plan has nothing to do", () => {
    // Keys that needed no write, one, and two: each path through apply was taken.
    const byWrites = [0, 0, 0];
    fc.assert(
      fc.property(arbKey, arbPolicy, (k, p) => {
        let current = k;
        let writes = 0;
        for (;;) {
          const { action } = planKey(desired(p), found(current), NOW);
          if (action.kind !== "update-rotation-policy" && action.kind !== "create-key-version") break;
          // Apply takes a second write only to make a due version after turning automatic rotation off.
          if (writes === 1) expect(p.mode).toBe("manual");
          expect(writes).toBeLessThan(2);
          current = afterWrite(current, action);
          writes++;
        }
        expect(planKey(desired(p), found(current), NOW).action.kind).not.toMatch(/update|create/);
        byWrites[writes] = (byWrites[writes] as number) + 1;
      }),
      { numRuns: 3000 },
    );
    for (const [writes, count] of byWrites.entries()) expect(count, `${writes} writes`).toBeGreaterThan(0);
  });

  it("is deterministic: the same inputs give the same plan", () => {
    // Plans with a write and plans without: both are made the same way twice.
    const seen = { write: 0, noWrite: 0 };
    fc.assert(
      fc.property(arbKey, arbPolicy, (k, p) => {
        const first = planKey(desired(p), found(k), NOW);
        seen[/update|create/.test(first.action.kind) ? "write" : "noWrite"]++;
        expect(planKey(desired(p), found(k), NOW)).toEqual(first);
      }),
      { numRuns: 300 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});
