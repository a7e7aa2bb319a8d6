// `plan --out` and `import --out` through the built CLI: a symlink at the target is refused (its target is
// neither written nor chmodded), and a failed save leaves the previous plan whole.

import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";

useBuiltCli();

const CONFIG = "version: 1\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n";

describe("files the CLI writes never follow a symlink", () => {
  test("plan --out onto a symlink: exit 1, one line, the link's target untouched", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), CONFIG);
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "precious\n");
    chmodSync(victim, 0o644);
    symlinkSync(victim, join(dir, "plan.json"));
    const run = await runBuilt(dir, ["plan", "kms.yaml", "--out", "plan.json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("cannot write plan.json: it is a symbolic link; nothing was written");
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(join(dir, "plan.json")).isSymbolicLink()).toBe(true);
  });

  test("plan --out replaces an existing plan whole and leaves no temporary file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), CONFIG);
    writeFileSync(join(dir, "plan.json"), "old");
    const run = await runBuilt(dir, ["plan", "kms.yaml", "--out", "plan.json"]);
    // The key is missing (blocked, exit 1), and a plan of it is still saved, and said so.
    expect(run.stderr).toBe("Saved the plan to: plan.json; it has no changes to apply.\n");
    expect(JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")).formatVersion).toBe(1);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  test("import --out onto a symlink: refused, the target untouched", async () => {
    const emu = await emulator();
    try {
      createKey(emu, { alias: "alias/a" });
      const dir = tempDir();
      const victim = join(dir, "victim.yaml");
      writeFileSync(victim, "mine\n");
      chmodSync(victim, 0o644);
      symlinkSync(victim, join(dir, "kms.yaml"));
      const run = await runBuilt(dir, [
        "import",
        "--region",
        "cn-hangzhou",
        "--out",
        "kms.yaml",
        "--endpoint",
        emu.url,
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("cannot write kms.yaml: it is a symbolic link; nothing was written");
      expect(readFileSync(victim, "utf8")).toBe("mine\n");
      expect(statSync(victim).mode & 0o777).toBe(0o644);
    } finally {
      await emu.close();
    }
  });
});
