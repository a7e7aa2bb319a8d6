// Random corruptions of real answers (DescribeKey bodies the emulator gave, with one field a rule reads
// made invalid, or the envelope made an error) never lead to a write or a verdict: planned and applied in
// one pass, each such key is an `error` entry, and no write reaches KMS. Counted per corruption kind.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { planAndApply } from "../../src/apply/pipeline.js";
import { parseConfig } from "../../src/config/parse.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { buildKms, type Send } from "../../src/kms/kms-calls.js";
import type { Body } from "../../src/kms/map.js";
import { advanceDays, createKey, emulator } from "../helpers/fleet.js";

let emu: RunningEmulator;
/** Real DescribeKey bodies by key id: an automatic key, a due manual asymmetric key, a rotation-off key. */
const real = new Map<string, Body>();
const config = { keys: [] as string[] };

beforeAll(async () => {
  emu = await emulator();
  const keys = [
    { id: createKey(emu, { rotation: "30d" }), mode: "automatic, interval: 90d" },
    { id: createKey(emu, { spec: "RSA_2048" }), mode: "manual, interval: 30d" },
    { id: createKey(emu), mode: "automatic, interval: 180d" },
  ];
  advanceDays(emu, 60);
  for (const { id, mode } of keys) {
    const answer = emu.service.call("DescribeKey", { KeyId: id });
    if (!answer.ok) throw new Error(answer.error.message);
    real.set(id, { RequestId: "1f0e6c2a-0000-4000-8000-000000000000", ...answer.body });
    config.keys.push(`  - key: ${id}\n    rotation: { mode: ${mode} }\n`);
  }
});
afterAll(() => emu?.close());

type Meta = Record<string, unknown>;
type Corruption = { kind: string; apply: (body: Body, keyId: string) => Body };

const withMeta = (body: Body, change: (meta: Meta) => Meta): Body => ({
  ...body,
  KeyMetadata: change({ ...(body.KeyMetadata as Meta) }),
});
const notIn = (known: readonly string[]) =>
  fc
    .oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(""))
    .filter((v) => !known.includes(v as string));
const badInstant = fc
  .oneof(
    fc.string(),
    fc.constantFrom(
      "1",
      "abc 1",
      "2026-01-01T00:00:00",
      "2026-01-01",
      "2026-02-30T00:00:00Z",
      "2026-01-01T00:00:00+08:00",
      "2026-01-01T00:00:00.000Z",
    ),
  )
  .filter((v) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v) || v.startsWith("2026-02-30"));
const badInterval = fc
  .oneof(
    fc.string(),
    fc.constantFrom("7d", "", "abc", "-5s", "99999999999999999999s", "604800.5s", "60s", "63072001s"),
  )
  .filter((v) => {
    const m = /^(\d{1,12})s$/.exec(v);
    return !m || Number(m[1]) < 604_800 || Number(m[1]) > 63_072_000;
  });

const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.constantFrom<Corruption>(
    {
      kind: "other KeyId",
      apply: (b) => withMeta(b, (m) => ({ ...m, KeyId: "00000000-0000-4000-8000-000000000000" })),
    },
    { kind: "garbage Arn", apply: (b) => withMeta(b, (m) => ({ ...m, Arn: "garbage" })) },
    { kind: "error Code", apply: (b) => ({ ...b, Code: "Forbidden.NoPermission", Message: "denied" }) },
    { kind: "no RequestId", apply: ({ RequestId: _, ...b }) => b },
    { kind: "no KeyMetadata", apply: ({ KeyMetadata: _, ...b }) => b },
  ),
  fc
    .tuple(
      fc.constantFrom("KeyState", "KeySpec", "KeyUsage", "Origin", "AutomaticRotation"),
      notIn([
        "Enabled",
        "Disabled",
        "PendingDeletion",
        "PendingImport",
        "Suspended",
        "Aliyun_AES_256",
        "Aliyun_AES_128",
        "Aliyun_AES_192",
        "Aliyun_SM4",
        "RSA_2048",
        "RSA_3072",
        "EC_P256",
        "EC_P256K",
        "EC_SM2",
        "ENCRYPT/DECRYPT",
        "SIGN/VERIFY",
        "Aliyun_KMS",
        "EXTERNAL",
      ]),
    )
    .map(([field, value]) => ({
      kind: `bad ${field}`,
      apply: (b: Body) => withMeta(b, (m) => ({ ...m, [field]: value })),
    })),
  fc.tuple(fc.constantFrom("CreationDate", "LastRotationDate"), badInstant).map(([field, value]) => ({
    kind: `bad ${field}`,
    apply: (b: Body) => withMeta(b, (m) => ({ ...m, [field]: value })),
  })),
  badInterval.map((value) => ({
    kind: "bad RotationInterval",
    apply: (b: Body) => withMeta(b, (m) => ({ ...m, AutomaticRotation: "Enabled", RotationInterval: value })),
  })),
);

describe("corrupted answers", () => {
  test("never become a write or a verdict: every corrupted key is an InvalidResponse error entry", async () => {
    const desired = parseConfig(
      `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${config.keys.join("")}`,
      "kms.yaml",
    ).config?.keys;
    if (!desired) throw new Error("config");
    const seen = new Map<string, number>();
    let writesToCorrupted = 0;
    let writesToSound = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(corruption, { nil: undefined }), { minLength: 3, maxLength: 3 }),
        async (chosen) => {
          const ids = [...real.keys()];
          const read: Send = async (action, params) => {
            if (action !== "DescribeKey") {
              // Other reads (a due key's version count) as the emulator answers them.
              const answer = emu.service.call(action, params);
              if (!answer.ok) throw new Error(answer.error.message);
              return { RequestId: "2a0e6c2a-0000-4000-8000-000000000000", ...answer.body };
            }
            const index = ids.indexOf(params.KeyId as string);
            const body = real.get(params.KeyId as string) as Body;
            return chosen[index]?.apply(body, params.KeyId as string) ?? body;
          };
          const write: Send = async (_action, params) => {
            if (chosen[ids.indexOf(params.KeyId as string)] === undefined) writesToSound += 1;
            else writesToCorrupted += 1;
            // The fake service takes no write: apply settles it by reading, as for a lost answer.
            return { RequestId: "3a0e6c2a-0000-4000-8000-000000000000" };
          };
          const kms = buildKms("cn-hangzhou", read, write);
          const { plan } = await planAndApply(desired, () => kms, { now: emu.service.now() });
          chosen.forEach((c, index) => {
            if (c === undefined) return;
            seen.set(c.kind, (seen.get(c.kind) ?? 0) + 1);
            expect(plan.keys[index]?.action.kind, c.kind).toBe("error");
          });
        },
      ),
      { numRuns: 150 },
    );
    expect(writesToCorrupted).toBe(0);
    // The sound keys were written (so a run that wrote nothing at all could not pass), and every kind of
    // corruption was tried.
    expect(writesToSound).toBeGreaterThan(0);
    for (const kind of [
      "other KeyId",
      "garbage Arn",
      "error Code",
      "no RequestId",
      "bad KeyState",
      "bad RotationInterval",
      "bad LastRotationDate",
      "bad CreationDate",
    ])
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
  }, 120_000);
});
