// Ctrl-C for real: the compiled CLI as a child process, SIGINT sent while its writes are going out.
// It must finish what is in flight, say what was done and what was not, and exit 130.

import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { BIN, useBuiltCli } from "../helpers/built.js";
import { emulator, stats, tempDir } from "../helpers/fleet.js";
import { fleetConfig, keyState, makeFleet } from "./fleet-setup.js";

let emu: RunningEmulator | undefined;

useBuiltCli();

afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe("SIGINT during apply", () => {
  it("exits 130, reports every key whose write reached KMS as done, and the next apply converges", async () => {
    const dir = tempDir();
    emu = await emulator({ region: "cn-hangzhou", latencyMs: 50 });
    const running = emu;
    const fleet = makeFleet(running, { update: 30, due: 0, unchanged: 0 });
    const file = fleetConfig(dir, [running], [fleet]);
    const now = running.service.now().toISOString();
    const child = spawn(
      process.execPath,
      [BIN, "apply", file, "--auto-approve", "--format", "json", "--now", now],
      {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // At the default write quota (10/s) 30 writes take 3 s: interrupt once a few have gone out.
    while (((await stats(running)).UpdateRotationPolicy ?? 0) < 3)
      await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toMatch(
      /^Apply interrupted: \d+ applied, \d+ not attempted; run apply again to finish\.\n$/,
    );
    const result = JSON.parse(stdout) as { interrupted: boolean; keys: { key: string; status: string }[] };
    expect(result.interrupted).toBe(true);
    const done = result.keys.filter((k) => k.status === "applied").map((k) => k.key);
    expect(result.keys.filter((k) => k.status === "not-attempted").length).toBeGreaterThan(0);
    expect((await stats(running)).UpdateRotationPolicy).toBe(done.length);
    for (const key of done) expect(keyState(running, key).rotation).toBe("Enabled");

    const again = spawn(
      process.execPath,
      [BIN, "apply", file, "--auto-approve", "--qps", "1000", "--now", now],
      {
        cwd: dir,
      },
    );
    expect(await new Promise((resolve) => again.on("exit", resolve))).toBe(0);
    for (const key of fleet.update) expect(keyState(running, key).rotation).toBe("Enabled");
    expect((await stats(running)).UpdateRotationPolicy).toBe(30);
  });
});
