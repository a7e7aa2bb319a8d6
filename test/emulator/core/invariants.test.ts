import { join } from "node:path";
import fc from "fast-check";
import { expect, test } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import type { EmulatorService } from "../../../src/emulator/service.js";
import { DAY, freezeRealTime, type Json, ok, open, simulateCrash, tempDir } from "./helpers.js";

freezeRealTime();

type Step =
  | { kind: "create"; asymmetric: boolean }
  | { kind: "call"; action: string; key: number; extra: Record<string, string> }
  | { kind: "advance"; seconds: number };

const keyAction = (action: string, extra: fc.Arbitrary<Record<string, string>> = fc.constant({})) =>
  fc.record({ kind: fc.constant("call" as const), action: fc.constant(action), key: fc.nat(20), extra });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), asymmetric: fc.boolean() }),
  keyAction("CreateKeyVersion"),
  keyAction("CreateKeyVersion"),
  keyAction(
    "UpdateRotationPolicy",
    fc.oneof(
      fc.constant({ EnableAutomaticRotation: "false" }),
      fc
        .integer({ min: 1, max: 40 })
        .map((d) => ({ EnableAutomaticRotation: "true", RotationInterval: `${d}d` })),
    ),
  ),
  keyAction("DisableKey"),
  keyAction("EnableKey"),
  keyAction(
    "ScheduleKeyDeletion",
    fc.integer({ min: 7, max: 20 }).map((d) => ({ PendingWindowInDays: `${d}` })),
  ),
  keyAction("CancelKeyDeletion"),
  keyAction(
    "CreateAlias",
    fc.nat(5).map((n) => ({ AliasName: `alias/a${n}` })),
  ),
  fc.record({ kind: fc.constant("advance" as const), seconds: fc.integer({ min: 0, max: 60 * DAY }) }),
);

function keyIds(service: EmulatorService): string[] {
  return ok(service.call("ListKeys", { PageSize: "100" })).Keys.Key.map((k: { KeyId: string }) => k.KeyId);
}

function readAll(service: EmulatorService): Json {
  return {
    now: service.now().toISOString(),
    keys: keyIds(service).map((KeyId) => ({
      meta: ok(service.call("DescribeKey", { KeyId })).KeyMetadata,
      // Listed newest first: oldest first here, to compare neighbours.
      versions: ok(
        service.call("ListKeyVersions", { KeyId, PageSize: "100" }),
      ).KeyVersions.KeyVersion.reverse(),
    })),
    aliases: ok(service.call("ListAliases", { PageSize: "100" })),
  };
}

function checkInvariants(all: Json): void {
  for (const { meta, versions } of all.keys) {
    const newest = versions.at(-1);
    expect(meta.LastRotationDate).toBe(newest.CreationDate);
    expect(meta.PrimaryKeyVersion).toBe(newest.KeyVersionId);
    if (meta.KeySpec.startsWith("Aliyun_")) continue;
    // Asymmetric keys get versions only from CreateKeyVersion.
    expect(versions.length).toBeLessThanOrEqual(50);
    for (let i = 1; i < versions.length; i++) {
      const gap = Date.parse(versions[i].CreationDate) - Date.parse(versions[i - 1].CreationDate);
      expect(gap).toBeGreaterThanOrEqual(7 * DAY * 1000);
    }
  }
}

/** Calls the service answered and refused, by action: what the random steps made it do. */
const answered = new Map<string, { ok: number; refused: number }>();

function run(service: EmulatorService, steps: Step[]): void {
  const created: string[] = [];
  for (const s of steps) {
    if (s.kind === "advance") service.advanceClock(s.seconds);
    else if (s.kind === "create") {
      const params: Record<string, string> = s.asymmetric ? { KeySpec: "EC_P256" } : {};
      created.push(ok(service.call("CreateKey", params)).KeyMetadata.KeyId);
    } else if (created.length > 0) {
      const KeyId = created[s.key % created.length] as string;
      const outcome = service.call(s.action, { KeyId, ...s.extra });
      const count = answered.get(s.action) ?? { ok: 0, refused: 0 };
      count[outcome.ok ? "ok" : "refused"]++;
      answered.set(s.action, count);
    }
  }
}

test("random sequences of actions keep every invariant, and reopening from disk gives an identical state", () => {
  fc.assert(
    // size "max": fast-check's default size keeps arrays near ten steps, too few for a key to be made,
    // aged a week and given a version, so no version write ever succeeded.
    fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: "max" }), (steps) => {
      const statePath = join(tempDir(), "state.json");
      const service = open({ statePath });
      run(service, steps);
      const before = readAll(service);
      checkInvariants(before);
      // Reopen without close(), as after a crash: the journal alone must carry everything.
      simulateCrash(statePath);
      expect(readAll(openService({ region: "cn-hangzhou", statePath }))).toEqual(before);
    }),
    { numRuns: 60 },
  );
  // Every action was both done and refused (a version too soon, a key not enabled, an alias taken...):
  // the invariants held over the service's writes and its refusals alike.
  for (const [action, { ok, refused }] of answered) {
    expect(ok, `${action} done`).toBeGreaterThan(0);
    expect(refused, `${action} refused`).toBeGreaterThan(0);
  }
  expect(answered.size, "actions called").toBe(7);
});
