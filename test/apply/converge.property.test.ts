import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPlan } from "../../src/apply/execute.js";
import { createKms } from "../../src/kms/index.js";
import { DAY, type DesiredKey, type RotationPolicy } from "../../src/model/index.js";
import { observeKeys } from "../../src/observe/observe.js";
import { plan } from "../../src/plan/index.js";
import { advanceDays, call, createKey, emulator } from "../helpers/fleet.js";

// Both generations of the service: shared KMS, and KMS instances of each type.
const INSTANCES = { "kst-soft": "software", "kst-hsm": "hsm" } as const;

// A key as the service might hold it, and a policy a config might ask of it.
const arbKey = fc.record({
  spec: fc.constantFrom("Aliyun_AES_256", "Aliyun_SM4", "RSA_2048", "EC_P256"),
  instance: fc.constantFrom(undefined, undefined, "kst-soft", "kst-hsm"),
  origin: fc.constantFrom("Aliyun_KMS", "Aliyun_KMS", "Aliyun_KMS", "EXTERNAL"),
  rotation: fc.option(fc.integer({ min: 7, max: 730 }), { nil: undefined }),
  state: fc.constantFrom("Enabled", "Enabled", "Enabled", "Disabled", "PendingDeletion"),
  extraVersions: fc.integer({ min: 0, max: 3 }),
  ageDays: fc.integer({ min: 0, max: 900 }),
});
const arbPolicy: fc.Arbitrary<RotationPolicy> = fc.oneof(
  fc.constant<RotationPolicy>({ mode: "off" }),
  fc.integer({ min: 7, max: 730 }).map((d) => ({ mode: "automatic", interval: d * DAY }) as RotationPolicy),
  fc.integer({ min: 7, max: 400 }).map((d) => ({ mode: "manual", interval: d * DAY }) as RotationPolicy),
);
const arbFleet = fc.array(fc.tuple(arbKey, arbPolicy), { minLength: 1, maxLength: 8 });

type Spec = typeof arbKey extends fc.Arbitrary<infer T> ? T : never;

/** What the service lets a key do, as its pages say (the emulator refuses the rest). */
function abilities(k: Spec) {
  const symmetric = k.spec.startsWith("Aliyun_");
  const byok = symmetric && k.origin === "EXTERNAL";
  const softwareSymmetric = symmetric && k.instance === "kst-soft";
  return {
    byok,
    automatic: symmetric && !byok && k.instance !== "kst-hsm",
    maxAutomatic: k.instance ? 365 : 730,
    versions: !byok && (k.instance ? softwareSymmetric : !symmetric),
  };
}

async function build(fleet: readonly [Spec, RotationPolicy][]) {
  const emu = await emulator({ region: "cn-hangzhou", instances: INSTANCES });
  const desired: DesiredKey[] = [];
  const ids: string[] = [];
  for (const [k] of fleet) {
    const can = abilities(k);
    const keyId = createKey(emu, {
      spec: k.spec,
      ...(k.instance ? { instance: k.instance } : {}),
      ...(can.byok ? { origin: "EXTERNAL" } : {}),
      ...(can.automatic && k.rotation ? { rotation: `${Math.min(k.rotation, can.maxAutomatic)}d` } : {}),
    });
    ids.push(keyId);
  }
  // Age the fleet, making versions along the way where the service allows it.
  for (let step = 0; step < 3; step++) {
    advanceDays(emu, 10);
    fleet.forEach(([k], i) => {
      if (step < k.extraVersions && abilities(k).versions)
        call(emu, "CreateKeyVersion", { KeyId: ids[i] as string });
    });
  }
  fleet.forEach(([k, policy], i) => {
    const keyId = ids[i] as string;
    if (k.state === "Disabled" && k.origin !== "EXTERNAL") call(emu, "DisableKey", { KeyId: keyId });
    if (k.state === "PendingDeletion")
      call(emu, "ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "366" });
    desired.push({ key: keyId, ref: { kind: "id", keyId }, region: "cn-hangzhou", rotation: policy });
  });
  advanceDays(emu, Math.max(...fleet.map(([k]) => k.ageDays)) % 300);
  return { emu, desired };
}

describe("apply over random fleets against the emulator", () => {
  it("apply never sends a write the service rejects, and the plan after it has nothing to do (both generations)", async () => {
    // What the fleets made apply do: a generator that stops producing writes (or blocked keys) fails.
    const seen = { policyWrites: 0, versionWrites: 0, blocked: 0 };
    await fc.assert(
      fc.asyncProperty(arbFleet, async (fleet) => {
        const { emu, desired } = await build(fleet);
        try {
          const kms = createKms({
            region: "cn-hangzhou",
            endpoint: emu.url,
            credentials: { accessKeyId: "local", accessKeySecret: "local" },
            quota: { read: 5000, write: 5000, create: 5000 },
          });
          const now = emu.service.now();
          const first = plan(desired, await observeKeys(desired, () => kms, { concurrency: 4, now }), now);
          const result = await applyPlan(first, () => kms, { now });
          for (const k of first.keys) {
            if (k.action.kind === "update-rotation-policy") seen.policyWrites++;
            else if (k.action.kind === "create-key-version") seen.versionWrites++;
            else if (k.action.kind === "blocked") seen.blocked++;
          }
          const failures = result.results.filter((r) => r.outcome.status === "failed");
          expect(failures).toEqual([]);
          const second = plan(desired, await observeKeys(desired, () => kms, { concurrency: 4, now }), now);
          expect(second.summary.changes).toBe(0);
          expect(second.summary.blocked).toBe(first.summary.blocked);
        } finally {
          await emu.close();
        }
      }),
      { numRuns: 100 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  }, 120_000);
});
