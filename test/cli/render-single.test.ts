// `render` of one saved report judges nothing from its stored summary: counts and the drift verdict are
// recomputed from the keys, as when shards are merged, and a lone shard is refused without the others.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
  createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(emu, { alias: "alias/backups" });
});
afterEach(async () => {
  await emu.close();
});

const CONFIG =
  "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n" +
  "  - key: alias/backups\n    rotation: { mode: off }\n";

async function saved(
  args: readonly string[],
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: a saved report, edited as a user might
  edit: (json: any) => void,
  flags: readonly string[] = at(emu),
): Promise<string> {
  const r = await runCli(dir, [...args, "--format", "json", ...flags]);
  const json = JSON.parse(r.out);
  edit(json);
  writeFileSync(join(dir, name), JSON.stringify(json));
  return name;
}

describe("render of a single report", () => {
  it("recounts an audit whose stored summary was edited", async () => {
    const config = writeConfig(dir, CONFIG);
    // One --now for both runs: the emulator's clock moves with real time between them.
    const flags = at(emu);
    const file = await saved(
      ["audit", config],
      "audit.json",
      (json) => {
        json.summary = { keys: 9, compliant: 0, nonCompliant: 9, exempt: 0, notApplicable: 0 };
      },
      flags,
    );
    const r = await runCli(dir, ["render", file, "--format", "markdown"]);
    expect(r.code).toBe(0);
    expect(r.out).not.toMatch(/\b9\b/);
    const direct = await runCli(dir, ["audit", config, "--format", "markdown", ...flags]);
    expect(r.out).toBe(direct.out);
  });

  it("says in sync for a drift report whose keys are all in sync, whatever inSync says", async () => {
    const config = writeConfig(dir, CONFIG);
    const file = await saved(["drift", config], "drift.json", (json) => {
      expect(json.keys.every((k: { status: string }) => k.status === "in-sync")).toBe(true);
      json.inSync = false;
    });
    const r = await runCli(dir, ["render", file, "--format", "text"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/In sync: 2 keys/);
    expect(r.out).not.toMatch(/Drift found/);
  });

  it("refuses one shard rendered without the others, unless --allow-partial: then it warns", async () => {
    const config = writeConfig(
      dir,
      `${CONFIG}  - key: alias/other\n    region: cn-shanghai\n    rotation: { mode: off }\n`,
    );
    const r1 = await runCli(dir, ["forecast", config, "--shard", "1/2", "--format", "json", ...at(emu)]);
    expect(r1.code).toBe(0);
    writeFileSync(join(dir, "f1.json"), r1.out);
    const refused = await runCli(dir, ["render", "f1.json", "--format", "text"]);
    expect(refused).toEqual({
      code: 1,
      out: "",
      err:
        "error: shard 2/2 missing: this report covers 1 of 2 shards; render every shard's report together, " +
        "or add --allow-partial to render only these\n",
    });
    const r = await runCli(dir, ["render", "f1.json", "--format", "text", "--allow-partial"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/shard 2\/2 missing: the merged report covers 1 of 2/);
    expect(JSON.parse(readFileSync(join(dir, "f1.json"), "utf8")).shard.index).toBe(1);
  });
});
