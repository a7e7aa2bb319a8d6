// The forecast against the emulator as the oracle: over random fleets and a simulated year, moving the
// emulator's clock (POST /__emulator/clock) to each forecast instant finds the automatic rotation made
// at that instant, or `plan` saying create-key-version for the manual key (and not a second before).
// Nothing rotates that the forecast did not list, and the version cap falls where it said.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { createKms } from "../../src/kms/index.js";
import { DAY, type DesiredKey, type RotationPolicy } from "../../src/model/index.js";
import { observeKeys } from "../../src/observe/observe.js";
import { forecast, plan } from "../../src/plan/index.js";
import { T0, tempDir } from "../helpers/fleet.js";

type Spec =
  | { kind: "automatic"; interval: number; ago: number; disabled: boolean }
  | { kind: "manual"; interval: number; ago: number; versions: number };

const arbKey: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({
    kind: fc.constant("automatic" as const),
    interval: fc.integer({ min: 15, max: 200 }),
    ago: fc.integer({ min: 0, max: 14 }),
    disabled: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("manual" as const),
    interval: fc.integer({ min: 15, max: 200 }),
    ago: fc.integer({ min: 0, max: 300 }),
    versions: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 40, max: 50 })),
  }),
);

function seedOf(fleet: readonly Spec[]): string {
  const keys = fleet.map((k, i) => {
    const alias = `    alias: alias/k${i}`;
    if (k.kind === "automatic") {
      const state = k.disabled ? "\n    state: Disabled" : "";
      return `  - spec: Aliyun_AES_256\n${alias}\n    created: -${k.ago}d\n    rotation: { interval: ${k.interval}d }${state}`;
    }
    const created = k.versions > 1 ? k.ago + 8 * k.versions : k.ago;
    return `  - spec: EC_P256\n${alias}\n    created: -${created}d\n    lastRotation: -${k.ago}d\n    versions: ${k.versions}`;
  });
  return `version: 1\nkeys:\n${keys.join("\n")}\n`;
}

function declared(fleet: readonly Spec[]): DesiredKey[] {
  return fleet.map((k, i) => {
    const rotation: RotationPolicy = { mode: k.kind, interval: k.interval * DAY };
    return {
      key: `alias/k${i}`,
      ref: { kind: "alias", alias: `alias/k${i}` },
      region: "cn-hangzhou",
      rotation,
    };
  });
}

async function setClock(url: string, at: string): Promise<void> {
  const res = await fetch(`${url}/__emulator/clock`, { method: "POST", body: JSON.stringify({ set: at }) });
  expect(res.status).toBe(200);
}

describe("forecast against the emulator", () => {
  it("every forecast rotation happens at its instant over a simulated year, and no other", async () => {
    // What the fleets exercised: a generator that stops producing either kind of rotation or a cap fails.
    const seen = { automatic: 0, manual: 0, capped: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(arbKey, { minLength: 1, maxLength: 5 }), async (fleet) => {
        const dir = tempDir();
        const seedPath = join(dir, "fleet.yaml");
        writeFileSync(seedPath, seedOf(fleet));
        const emu = await startEmulator({
          clock: T0,
          port: 0,
          host: "127.0.0.1",
          region: "cn-hangzhou",
          seedPath,
        });
        try {
          const kms = createKms({
            region: "cn-hangzhou",
            endpoint: emu.url,
            credentials: { accessKeyId: "local", accessKeySecret: "local" },
            // A local emulator has no quota to keep to; pacing would only slow the simulated year.
            quota: { read: 10_000, write: 10_000, create: 10_000 },
          });
          const desired = declared(fleet);
          // Every manual key's versions are counted, as `forecast` does for keys rotating within the year.
          const observe = (now: Date, keys = desired) =>
            observeKeys(keys, () => kms, {
              concurrency: 4,
              now,
              countVersions: (d) => d.rotation.mode === "manual",
            });
          const now = new Date(T0);
          const until = new Date(T0.getTime() + 365 * DAY * 1000);
          const subjects = desired.map((d) => ({ key: d.key, region: d.region, declared: d.rotation }));
          const result = forecast(subjects, await observe(now), now, until);
          if (!result.ok) throw new Error("forecast refused a small fleet");
          const { rotations, capReached } = result.forecast;
          seen.capped += capReached.length;
          for (const r of rotations) {
            await setClock(emu.url, r.at);
            const index = desired.findIndex((d) => d.key === r.key);
            if (r.kind === "automatic") seen.automatic++;
            else seen.manual++;
            if (r.kind === "automatic") {
              const key = await kms.describeKey(r.keyId);
              expect(key.lastRotationDate).toBe(r.at);
              continue;
            }
            const at = new Date(r.at);
            const one = [desired[index] as DesiredKey];
            const observed = await observe(at, one);
            const before = new Date(at.getTime() - 1000);
            expect(plan(one, observed, at).keys[0]?.action.kind).toBe("create-key-version");
            // Not a second earlier (unless already due when the forecast was made).
            if (r.at !== result.forecast.now) {
              expect(plan(one, observed, before).keys[0]?.action.kind).toBe("none");
            }
            // What apply would do, at that instant.
            await setClock(emu.url, r.at);
            await kms.createKeyVersion(r.keyId);
          }
          // At the horizon: nothing rotated that the forecast did not list; capped keys stop at 50.
          await setClock(emu.url, result.forecast.until);
          const final = await observe(until);
          fleet.forEach((spec, i) => {
            const o = final[i];
            if (o?.found !== true) throw new Error("a seeded key went missing");
            const mine = rotations.filter((r) => r.key === desired[i]?.key);
            if (mine.length > 0) expect(o.key.lastRotationDate).toBe(mine.at(-1)?.at);
            if (spec.kind === "manual") {
              expect(o.key.versionCount).toBe(Math.min(50, spec.versions + mine.length));
              const capped = capReached.some((c) => c.key === desired[i]?.key);
              expect(capped).toBe(spec.versions + mine.length >= 50);
              expect(plan(desired, final, until).keys[i]?.action.kind).not.toBe("create-key-version");
            }
          });
        } finally {
          await emu.close();
        }
      }),
      { numRuns: 25 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  }, 120_000);
});
