// Every file and directory the tool writes is its owner's alone, whatever the umask: the local state and
// its directory, saved plans, imported configs, and files they replace.

import { chmodSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";

let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe("owner-only files under umask 000", () => {
  test("plan on the local provider: .kms-rotation/ is 0700, its state 0600, plan --out 0600", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "kms.yaml"),
      "version: 1\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n",
    );
    const stale = join(dir, "plan.json");
    writeFileSync(stale, "{}");
    chmodSync(stale, 0o644);
    const run = await runCli(dir, ["plan", "kms.yaml", "--out", "plan.json"]);
    expect(run.err).toBe("Saved the plan to: plan.json; it has no changes to apply.\n");
    expect(mode(join(dir, ".kms-rotation"))).toBe(0o700);
    expect(mode(join(dir, ".kms-rotation", "local-kms.json"))).toBe(0o600);
    expect(mode(stale)).toBe(0o600);
    expect(JSON.parse((await import("node:fs")).readFileSync(stale, "utf8")).formatVersion).toBe(1);
  });

  test("import --out writes a 0600 config", async () => {
    const emu = await emulator();
    try {
      createKey(emu, { alias: "alias/a" });
      const dir = tempDir();
      const run = await runCli(dir, ["import", "--region", "cn-hangzhou", "--out", "kms.yaml", ...at(emu)]);
      expect(run.code).toBe(0);
      expect(mode(join(dir, "kms.yaml"))).toBe(0o600);
    } finally {
      await emu.close();
    }
  });
});
