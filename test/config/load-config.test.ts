// loadConfig reads the file relative to cwd; a file it cannot read is a problem naming it, not a throw.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { formatProblem } from "../../src/model/source.js";

describe("loadConfig", () => {
  const dir = mkdtempSync(join(tmpdir(), "kms-config-"));
  writeFileSync(join(dir, "kms.yaml"), "version: 1\nkeys:\n  - key: alias/a\n    rotation: { mode: off }\n");

  it("reads a file relative to the working directory given", async () => {
    const { config, problems } = await loadConfig("kms.yaml", { cwd: dir });
    expect(problems).toEqual([]);
    expect(config?.file).toBe("kms.yaml");
    expect(config?.keys.map((k) => k.key)).toEqual(["alias/a"]);
  });

  it("a missing file is one problem naming the file", async () => {
    const { config, problems } = await loadConfig("nope.yaml", { cwd: dir });
    expect(config).toBeUndefined();
    expect(problems.map(formatProblem)).toEqual(["cannot read nope.yaml: no such file"]);
  });

  it("a directory is one problem naming it", async () => {
    const { problems } = await loadConfig(".", { cwd: dir });
    expect(problems.map(formatProblem)).toEqual(["cannot read .: it is a directory"]);
  });
});
