// Files the user names are read only when they are regular files: a FIFO with no writer (config, saved
// plan, seed) is refused at once instead of hanging, and a symlinked state is refused before anything is
// written (compaction would replace the link with a regular file).

import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { makeFifo, runEnding } from "../helpers/fifo.js";
import { tempDir } from "../helpers/fleet.js";

useBuiltCli();

const CONFIG = "version: 1\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n";

describe.skipIf(process.platform === "win32")("FIFOs and devices where a file is meant", () => {
  test("a FIFO as the config: refused at once, exit 1, one line", async () => {
    const dir = tempDir();
    makeFifo(dir, "kms.yaml");
    for (const command of ["validate", "plan", "drift"]) {
      const run = await runEnding(dir, [command, "kms.yaml"]);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("cannot read kms.yaml: it is not a regular file");
    }
  });

  test("a FIFO as a saved plan: apply refuses it at once", async () => {
    const dir = tempDir();
    makeFifo(dir, "plan.json");
    const run = await runEnding(dir, ["apply", "plan.json", "--auto-approve"]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not a regular file");
  });

  test("a FIFO as the seed fleet: refused, naming it", async () => {
    const dir = tempDir();
    makeFifo(dir, "fleet.yaml");
    writeFileSync(
      join(dir, "kms.yaml"),
      `version: 1\nprovider:\n  local:\n    seed: fleet.yaml\n${CONFIG.slice("version: 1\n".length)}`,
    );
    const run = await runEnding(dir, ["plan", "kms.yaml"]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("fleet.yaml: it is not a regular file");
  });

  test("a FIFO as a report to render: refused", async () => {
    const dir = tempDir();
    makeFifo(dir, "drift.json");
    const run = await runEnding(dir, ["render", "drift.json", "--format", "text"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("error: cannot read drift.json: it is not a regular file\n");
  });
});

describe.skipIf(process.platform === "win32")("a symlinked state file", () => {
  test("emulator --state link: refused before anything is written; the target unchanged", async () => {
    const dir = tempDir();
    const target = join(dir, "real-state.json");
    writeFileSync(target, "");
    symlinkSync(target, join(dir, "state.json"));
    const run = await runBuilt(dir, ["emulator", "--port", "0", "--state", "state.json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("it is a symbolic link");
    expect(readFileSync(target, "utf8")).toBe("");
  });
});
