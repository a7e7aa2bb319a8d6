// validateConfig: what `kms-rotation validate` finds, as values: every problem with its place, and
// about a valid file its hints and what audit's baseline will say.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/app/validate-config.js";
import { tempDir, writeConfig } from "../helpers/fleet.js";

const NOW = new Date("2026-06-01T00:00:00Z");

describe("validateConfig", () => {
  it("a valid file: its config, no problems, and the baseline's warning for a key rotating off", async () => {
    const dir = tempDir();
    const file = writeConfig(
      dir,
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n  - key: alias/archive\n    rotation: { mode: off }\n",
    );
    const { config, problems, warnings } = await validateConfig(file, { now: NOW });
    expect(problems).toEqual([]);
    expect(config?.keys.map((k) => k.key)).toEqual(["alias/orders-db", "alias/archive"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: "warning", key: "alias/archive" });
    expect(warnings[0]?.message).toMatch(/^alias\/archive: rotation is off; with no policy: in the file/);
  });

  it("reading problems and policy breaches together, in file order, with no warnings", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "kms.yaml"),
      "version: 1\nprovider: { alibaba: { region: cn-hangzhou } }\npolicy: { maxInterval: 30d, requireRotation: true }\nkeys:\n  - key: alias/a\n    rotation: { mode: automatic, interval: 90d }\n  - key: alias/b\n    rotation: { mode: automatic, interval: 2d }\n",
    );
    const { problems, warnings } = await validateConfig("kms.yaml", { cwd: dir, now: NOW });
    expect(warnings).toEqual([]);
    expect(problems.map((p) => [p.position?.line, p.key ?? null])).toEqual([
      [6, "alias/a"],
      [8, "alias/b"],
    ]);
    // The second is the reading's (2d is below KMS's 7d), the first the policy's.
    expect(problems[1]?.message).toMatch(/2d/);
    expect(problems[0]?.message).toBe(
      "alias/a: interval 90d is longer than policy.maxInterval 30d: rotate at least every 30d, or add an exception",
    );
  });

  it("a missing file is a problem, not a throw", async () => {
    const { config, problems } = await validateConfig(join(tempDir(), "missing.yaml"));
    expect(config).toBeUndefined();
    expect(problems).toEqual([{ rule: "UnreadableFile", message: expect.stringMatching(/no such file$/) }]);
  });
});
