import { appendFileSync, chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import { StateFile } from "../../../src/emulator/store.js";
import {
  createKey,
  createSigningKey,
  DAY,
  describe_,
  freezeRealTime,
  ok,
  open,
  START,
  simulateCrash,
  tempDir,
} from "./helpers.js";

freezeRealTime();

function everything(service: ReturnType<typeof open>) {
  const keys = ok(service.call("ListKeys", { PageSize: "100" })).Keys.Key.map(
    (k: { KeyId: string }) => k.KeyId,
  );
  return {
    keys: keys.map((id: string) => ({
      meta: describe_(service, id),
      versions: ok(service.call("ListKeyVersions", { KeyId: id, PageSize: "100" })),
      tags: ok(service.call("ListResourceTags", { KeyId: id })),
    })),
    aliases: ok(service.call("ListAliases", { PageSize: "100" })),
  };
}

describe("the state file", () => {
  test("every write is on disk: reopening without close() finds all of it, and the clock", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const keyId = createSigningKey(service);
    ok(service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/s" }));
    service.advanceClock(8 * DAY);
    ok(service.call("CreateKeyVersion", { KeyId: keyId }));
    ok(service.call("TagResource", { KeyId: keyId, Tags: '[{"TagKey":"a","TagValue":"b"}]' }));
    const before = everything(service);
    // No close(): as after a SIGKILL.
    simulateCrash(statePath);
    const reopened = openService({ region: "cn-hangzhou", statePath });
    expect(everything(reopened)).toEqual(before);
    expect(reopened.now().toISOString()).toBe("2026-01-09T00:00:00.000Z");
  });

  test("line 1 is a versioned snapshot and each write appends one line", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const lines = () => readFileSync(statePath, "utf8").split("\n").filter(Boolean);
    const start = lines().length;
    expect(JSON.parse(lines()[0] as string)).toMatchObject({ formatVersion: 1, region: "cn-hangzhou" });
    createKey(service);
    expect(lines().length).toBe(start + 1);
    service.call("DescribeKey", { KeyId: "alias/none" });
    expect(lines().length).toBe(start + 1);
  });

  test("a torn last line is dropped and the file stays appendable", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const kept = createKey(service);
    appendFileSync(statePath, '{"clockMs":1,"keys":[{"keyId":"torn"');
    simulateCrash(statePath);
    const reopened = openService({ region: "cn-hangzhou", statePath });
    expect(describe_(reopened, kept).KeyId).toBe(kept);
    const next = createKey(reopened);
    simulateCrash(statePath);
    const again = openService({ region: "cn-hangzhou", statePath });
    expect(ok(again.call("ListKeys", {})).Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual([
      kept,
      next,
    ]);
  });

  test("damage before the last line is refused rather than silently losing writes", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    createKey(service);
    createKey(service);
    const lines = readFileSync(statePath, "utf8").split("\n");
    lines[1] = "garbage";
    writeFileSync(statePath, lines.join("\n"));
    simulateCrash(statePath);
    expect(() => openService({ region: "cn-hangzhou", statePath })).toThrow(/damaged/);
  });

  test("close() compacts to one snapshot line that keeps everything", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    for (let i = 0; i < 20; i++)
      createKey(service, { EnableAutomaticRotation: "true", RotationInterval: "7d" });
    service.advanceClock(60 * DAY);
    const before = everything(service);
    service.close();
    expect(readFileSync(statePath, "utf8").split("\n").filter(Boolean)).toHaveLength(1);
    expect(everything(openService({ region: "cn-hangzhou", statePath }))).toEqual(before);
  });

  test("the journal is compacted automatically once it outgrows the snapshot", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const keyId = createKey(service);
    for (let i = 0; i < 3000; i++) {
      ok(service.call("UpdateKeyDescription", { KeyId: keyId, Description: `d${i}`.padEnd(400, "x") }));
    }
    const lines = readFileSync(statePath, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeLessThan(3000);
    simulateCrash(statePath);
    expect(describe_(openService({ region: "cn-hangzhou", statePath }), keyId).Description).toMatch(/^d2999/);
  });

  test("a restart goes on from the saved clock; `clock` overrides it; `clockAtLeast` only moves it forward", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    service.advanceClock(30 * DAY);
    service.close();
    const resumed = openService({ region: "cn-hangzhou", statePath });
    expect(resumed.now().toISOString()).toBe("2026-01-31T00:00:00.000Z");
    resumed.close();
    const behind = openService({ region: "cn-hangzhou", statePath, clockAtLeast: START });
    expect(behind.now().toISOString()).toBe("2026-01-31T00:00:00.000Z");
    behind.close();
    const ahead = openService({
      region: "cn-hangzhou",
      statePath,
      clockAtLeast: new Date("2026-03-01T00:00:00Z"),
    });
    expect(ahead.now().toISOString()).toBe("2026-03-01T00:00:00.000Z");
    ahead.close();
    const set = openService({ region: "cn-hangzhou", statePath, clock: START });
    expect(set.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  test("with no state and no clock option the clock starts at the system time", () => {
    const service = openService({ region: "cn-hangzhou" });
    expect(service.now().toISOString()).toBe("2030-06-01T00:00:00.000Z");
  });

  test("10,000 keys seeded and written one by one stay fast (no whole-state rewrite per write)", () => {
    const dir = tempDir();
    const fleet = join(dir, "fleet.yaml");
    writeFileSync(
      fleet,
      "version: 1\nkeys:\n  - alias: alias/k-{i}\n    count: 10000\n    rotation: { interval: 30d }\n",
    );
    const statePath = join(dir, "state.json");
    const started = performance.now();
    const service = open({ statePath, seedPath: fleet });
    for (let i = 0; i < 200; i++) {
      ok(
        service.call("UpdateRotationPolicy", { KeyId: `alias/k-${i + 1}`, EnableAutomaticRotation: "false" }),
      );
    }
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(ok(service.call("ListKeys", {})).TotalCount).toBe(10_000);
  });
});

describe("one writer, owner-only files", () => {
  test("a second open of a state file in use is refused, naming the file and the holder; close frees it", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    expect(() => open({ statePath })).toThrow(`state file ${statePath} is in use by pid ${process.pid}`);
    service.close();
    open({ statePath }).close();
  });

  test("directories made are 0700 and the state file 0600, whatever the umask; an existing 0644 file is tightened", () => {
    const previous = process.umask(0);
    try {
      const root = tempDir();
      const statePath = join(root, "a", "b", "state.json");
      const service = open({ statePath });
      createKey(service);
      service.close();
      expect(statSync(join(root, "a")).mode & 0o777).toBe(0o700);
      expect(statSync(join(root, "a", "b")).mode & 0o777).toBe(0o700);
      expect(statSync(statePath).mode & 0o777).toBe(0o600);
      chmodSync(statePath, 0o644);
      const reopened = open({ statePath });
      expect(statSync(statePath).mode & 0o777).toBe(0o600);
      expect(statSync(`${statePath}.lock`).mode & 0o777).toBe(0o600);
      reopened.close();
    } finally {
      process.umask(previous);
    }
  });

  test("a state file that is not JSON is refused with an error naming the file", () => {
    const statePath = join(tempDir(), "state.json");
    writeFileSync(statePath, "\u0000\u0001 not json\n");
    expect(() => open({ statePath })).toThrow(`${statePath} is not a kms-rotation emulator state file`);
    // The failed open released the lock.
    writeFileSync(statePath, "");
    open({ statePath }).close();
  });

  test("close() whose compaction fails still releases the file, and the journal keeps every write", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const keyId = createKey(service);
    mkdirSync(`${statePath}.tmp-${process.pid}`);
    service.close();
    expect(describe_(openService({ region: "cn-hangzhou", statePath }), keyId).KeyId).toBe(keyId);
  });

  test("a failed compaction (no room for the temp file) loses nothing acknowledged", () => {
    const statePath = join(tempDir(), "state.json");
    const snapshot = (clockMs: number) => ({ region: "r", accountId: "a", clockMs, keys: [], aliases: [] });
    const { file } = StateFile.open(statePath);
    file.compact(snapshot(1));
    file.commit(2, undefined, () => snapshot(2));
    // A directory where the temp file goes makes its write fail, as a full disk would.
    mkdirSync(`${statePath}.tmp-${process.pid}`);
    expect(() => file.compact(snapshot(2))).toThrow();
    file.commit(3, undefined, () => snapshot(3));
    simulateCrash(statePath);
    expect(StateFile.open(statePath).snapshot?.clockMs).toBe(3);
  });
});
