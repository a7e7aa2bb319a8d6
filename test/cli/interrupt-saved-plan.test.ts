// An interrupted `apply plan.json` cannot be finished by running the same plan again: the keys it changed
// no longer match what it recorded, so it is refused as stale. Its advice is to plan again, then apply.

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { emulator, stats, tempDir } from "../helpers/fleet.js";
import { fleetConfig, keyState, makeFleet } from "./fleet-setup.js";

let emu: RunningEmulator | undefined;

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("an interrupted apply of a saved plan", () => {
  it("advises a new plan, which the stale saved plan proves right, and plan then apply converges", async () => {
    const dir = tempDir();
    emu = await emulator({ region: "cn-hangzhou", latencyMs: 40 });
    const running = emu;
    const fleet = makeFleet(running, { update: 12, due: 0, unchanged: 0 });
    const config = fleetConfig(dir, [running], [fleet]);
    const saved = join(dir, "plan.json");
    const planned = await runCli(dir, ["plan", config, "--out", saved, ...at(running)]);
    expect(planned.code, planned.err).toBe(0);

    const controller = new AbortController();
    const applying = runCli(
      dir,
      ["apply", saved, "--auto-approve", "--concurrency", "1", ...at(running)],
      controller.signal,
    );
    while (((await stats(running)).UpdateRotationPolicy ?? 0) < 2)
      await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const r = await applying;
    expect(r.code).toBe(130);
    // One summary (the report's last line, on stdout), and the next step on stderr.
    expect(r.out).toMatch(
      /\nApply interrupted: \d+ applied, 0 failed, 0 blocked, 0 unchanged, \d+ not attempted\.\n$/,
    );
    expect(r.err).toBe("Run plan again, then apply.\n");

    const again = await runCli(dir, ["apply", saved, "--auto-approve", ...at(running)]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/changed since/);

    const replanned = await runCli(dir, ["plan", config, "--out", saved, ...at(running)]);
    expect(replanned.code, replanned.err).toBe(0);
    const finished = await runCli(dir, ["apply", saved, "--auto-approve", ...at(running)]);
    expect(finished.code, finished.err).toBe(0);
    for (const key of fleet.update) expect(keyState(running, key).rotation).toBe("Enabled");
  });
});
