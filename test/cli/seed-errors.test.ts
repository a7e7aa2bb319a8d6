// A seed fleet the emulator refuses is one error line and its problems one per line under it, each at its
// file:line:column: from `emulator --seed` and from a config's provider.local.seed alike, exit 1.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fleet.js";

/** Two problems the schema finds (an unknown field, a spec KMS lacks), or a day the calendar lacks. */
function badSeed(dir: string, keys = "  - alias: alias/x\n    colour: red\n  - spec: AES\n"): string {
  const seed = join(dir, "fleet.yaml");
  writeFileSync(seed, `version: 1\nkeys:\n${keys}`);
  return seed;
}

describe("a seed fleet with problems", () => {
  it("emulator --seed lists each problem on its own line", async () => {
    const dir = tempDir();
    const seed = badSeed(dir);
    const r = await runCli(dir, ["emulator", "--seed", seed, "--port", "0"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      "error: invalid seed fleet\n" +
        `  ${seed}:4:13: /keys/0: unknown field colour\n` +
        `  ${seed}:5:11: /keys/1/spec must be equal to one of the allowed values\n`,
    );
  });

  it("provider.local.seed does the same under the config's name", async () => {
    const dir = tempDir();
    const seed = badSeed(dir, "  - alias: alias/x\n    created: 2026-02-30\n");
    const config = join(dir, "kms.yaml");
    writeFileSync(
      config,
      `version: 1\nprovider:\n  local:\n    state: ${join(dir, "state.json")}\n    seed: ${seed}\n    region: cn-hangzhou\n` +
        "keys:\n  - key: alias/x\n    rotation: { mode: off }\n",
    );
    const r = await runCli(dir, ["plan", config]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `error: cannot start KMS for ${config}: invalid seed fleet\n` +
        `  ${seed}:4:14: created: "2026-02-30" is not a time\n`,
    );
  });
});
