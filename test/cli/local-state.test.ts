// provider.local's state: one file per region named by region whatever order a run (a shard) opens them
// in, today's `local-kms.json` still read for the region it records, every shard of a multi-region local
// config seeing what the unsharded run sees, and the state beside the config wherever the command runs.

import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { ROOT } from "../helpers/built.js";
import { runCli } from "../helpers/cli.js";
import { call, tempDir } from "../helpers/fleet.js";

const REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen"];

/** Each region's alias/a declared differently, so each unit has its own status to get right. */
const ROTATION: Record<string, string> = {
  "cn-hangzhou": "{ mode: automatic, interval: 90d }", // seeded off: drifted
  "cn-shanghai": "{ mode: off }", // in sync
  "cn-beijing": "{ mode: automatic, interval: 180d }", // seeded 180d: in sync
  "cn-shenzhen": "{ mode: automatic, interval: 365d }", // seeded 180d: drifted
};

/** A local config over the four regions, each seeded with the same fleet (alias/a, alias/b). */
function project(): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, "fleet.yaml"),
    [
      "version: 1",
      "keys:",
      "  - alias: alias/a",
      "    created: -100d",
      "  - alias: alias/b",
      "    created: -100d",
      "    rotation: { interval: 180d }",
      "",
    ].join("\n"),
  );
  const keys = REGIONS.flatMap((region) => [
    `  - key: ${region === "cn-beijing" || region === "cn-shenzhen" ? "alias/b" : "alias/a"}`,
    `    region: ${region}`,
    `    rotation: ${ROTATION[region]}`,
  ]);
  writeFileSync(
    join(dir, "kms.yaml"),
    ["version: 1", "provider:", "  local: { seed: fleet.yaml }", "keys:", ...keys, ""].join("\n"),
  );
  return dir;
}

interface Entry {
  key: string;
  region: string;
  status: string;
}

async function drift(cwd: string, config: string, extra: string[] = []): Promise<string[]> {
  const r = await runCli(cwd, ["drift", config, "--format", "json", ...extra]);
  expect([0, 2], r.err).toContain(r.code);
  return (JSON.parse(r.out) as { keys: Entry[] }).keys.map((e) => `${e.region} ${e.key} ${e.status}`);
}

const EXPECTED = [
  "cn-beijing alias/b in-sync",
  "cn-hangzhou alias/a drifted",
  "cn-shanghai alias/a in-sync",
  "cn-shenzhen alias/b drifted",
];

describe("the local provider's state", () => {
  it("every shard of n = 1..4 sees and applies what the unsharded run does, last shard first", async () => {
    const inSync = EXPECTED.map((e) => e.replace(/ \S+$/, " in-sync"));
    for (let n = 1; n <= 4; n++) {
      const dir = project();
      const shards = async () => {
        const seen: string[] = [];
        // Highest first: the run that makes the state files is not the home region's.
        for (let i = n; i >= 1; i--) seen.push(...(await drift(dir, "kms.yaml", ["--shard", `${i}/${n}`])));
        return seen.sort();
      };
      expect(await shards(), `n = ${n}`).toEqual(EXPECTED);
      expect((await drift(dir, "kms.yaml")).sort(), `n = ${n}`).toEqual(EXPECTED);
      for (let i = n; i >= 1; i--) {
        const applied = await runCli(dir, ["apply", "kms.yaml", "--auto-approve", "--shard", `${i}/${n}`]);
        expect(applied.code, applied.err).toBe(0);
      }
      // Each shard wrote to its own regions' state: the whole fleet is as declared, seen either way.
      expect((await drift(dir, "kms.yaml")).sort(), `n = ${n}`).toEqual(inSync);
      expect(await shards(), `n = ${n}`).toEqual(inSync);
    }
  }, 180_000);

  it("names each region's file by region, the config's home region keeping local-kms.json", async () => {
    const dir = project();
    await drift(dir, "kms.yaml", ["--shard", "4/4"]);
    const state = join(dir, ".kms-rotation");
    // Shard 4/4 is cn-shenzhen (units sorted by region): its own file, not the home region's.
    expect(existsSync(join(state, "local-kms.cn-shenzhen.json"))).toBe(true);
    await drift(dir, "kms.yaml");
    // The home region is the first key's (cn-hangzhou: no defaults.region, no provider region).
    expect(existsSync(join(state, "local-kms.json"))).toBe(true);
    expect(existsSync(join(state, "local-kms.cn-hangzhou.json"))).toBe(false);
    for (const region of ["cn-shanghai", "cn-beijing", "cn-shenzhen"])
      expect(existsSync(join(state, `local-kms.${region}.json`)), region).toBe(true);
  });

  it("keeps reading a local-kms.json that an earlier version made for another region", async () => {
    const dir = project();
    mkdirSync(join(dir, ".kms-rotation"), { mode: 0o700 });
    // As an earlier version left it: shard 2/4 (cn-shanghai) ran first and took local-kms.json.
    const old = await startEmulator({
      region: "cn-shanghai",
      port: 0,
      statePath: join(dir, ".kms-rotation", "local-kms.json"),
      seedPath: join(dir, "fleet.yaml"),
    });
    const keyId = call(old, "DescribeKey", { KeyId: "alias/a" }).KeyMetadata.KeyId as string;
    // Only that file knows: alias/a in cn-shanghai has rotation on, so `off` is drifted.
    call(old, "UpdateRotationPolicy", {
      KeyId: keyId,
      EnableAutomaticRotation: "true",
      RotationInterval: `${90 * 86400}s`,
    });
    await old.close();
    const expected = EXPECTED.map((e) => (e.startsWith("cn-shanghai") ? "cn-shanghai alias/a drifted" : e));
    expect((await drift(dir, "kms.yaml")).sort()).toEqual(expected);
    expect((await drift(dir, "kms.yaml", ["--shard", "3/4"])).sort()).toEqual([expected[2]]);
    // The home region, whose name the old file took, has its own file now.
    expect(existsSync(join(dir, ".kms-rotation", "local-kms.cn-hangzhou.json"))).toBe(true);
  });

  it("lives beside the config, so the quickstart run from another directory meets the same KMS", async () => {
    const project = tempDir();
    for (const f of ["quickstart.yaml", "quickstart-fleet.yaml"])
      copyFileSync(join(ROOT, "examples", f), join(project, f));
    const elsewhere = tempDir();
    const config = join(project, "quickstart.yaml");
    const applied = await runCli(elsewhere, ["apply", config, "--auto-approve"]);
    expect(applied.code, applied.err).toBe(0);
    expect(existsSync(join(project, ".kms-rotation", "local-kms.json"))).toBe(true);
    expect(existsSync(join(elsewhere, ".kms-rotation"))).toBe(false);
    // From the config's own folder, by a relative path: the same state, nothing left to do.
    const again = await runCli(project, ["plan", "quickstart.yaml", "--detailed-exitcode"]);
    expect(again.code, again.out).toBe(0);
  });

  it("render of shards 2, 3 and 4 of 4 is refused naming 1/4; all four render as the unsharded run", async () => {
    const dir = project();
    const files: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await runCli(dir, ["drift", "kms.yaml", "--shard", `${i}/4`, "--format", "json"]);
      writeFileSync(join(dir, `drift-${i}.json`), r.out);
      files.push(`drift-${i}.json`);
    }
    const some = await runCli(dir, ["render", ...files.slice(1), "--format", "markdown"]);
    expect(some.code).toBe(1);
    expect(some.out).toBe("");
    expect(some.err).toMatch(/^error: shard 1\/4 missing: these reports cover 3 of 4 shards; /);
    const all = await runCli(dir, ["render", ...files, "--format", "json"]);
    expect(all.code, all.err).toBe(0);
    const statuses = (JSON.parse(all.out) as { keys: Entry[] }).keys.map(
      (e) => `${e.region} ${e.key} ${e.status}`,
    );
    expect(statuses.sort()).toEqual(EXPECTED);
  });
});
