// apply with a --now far from the service's clock (the Date header of its answers; the emulator's carries
// its simulated clock) writes nothing unless --allow-clock-skew accepts it; plan is not affected.

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

useBuiltCli();

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await emulator();
  createKey(emu, { alias: "alias/orders" });
});
afterAll(() => emu?.close());

const KEYS = "  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n";

/** UpdateRotationPolicy calls the emulator received (whatever their outcome). */
async function writes(): Promise<number> {
  const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as {
    calls: Record<string, number>;
  };
  return stats.calls.UpdateRotationPolicy ?? 0;
}

describe("apply --now against the service's clock", () => {
  test("150 days ahead: refused before any write, naming both instants; --allow-clock-skew writes", async () => {
    const dir = tempDir();
    const config = writeConfig(dir, KEYS);
    const ahead = new Date(emu.service.now().getTime() + 150 * 86_400_000).toISOString();
    const args = ["apply", config, "--auto-approve", "--endpoint", emu.url, "--now", ahead];
    const plan = await runBuilt(dir, ["plan", config, "--endpoint", emu.url, "--now", ahead]);
    expect(plan.code).toBe(0);
    const refused = await runBuilt(dir, args);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(/ClockSkew|150 days ahead of the clock of KMS/);
    expect(refused.stdout + refused.stderr).toContain("--allow-clock-skew");
    expect(await writes()).toBe(0);
    const allowed = await runBuilt(dir, [...args, "--allow-clock-skew"]);
    expect(allowed.code).toBe(0);
    expect(await writes()).toBe(1);
  }, 60_000);

  test("a --now within 5 minutes of the service's clock applies", async () => {
    const dir = tempDir();
    const other = await emulator();
    try {
      createKey(other, { alias: "alias/orders" });
      const config = writeConfig(dir, KEYS);
      const near = new Date(other.service.now().getTime() + 60_000).toISOString();
      const run = await runBuilt(dir, [
        "apply",
        config,
        "--auto-approve",
        "--endpoint",
        other.url,
        "--now",
        near,
      ]);
      expect(run.stdout).toContain("1 applied, 0 failed");
      expect(run.code).toBe(0);
    } finally {
      await other.close();
    }
  }, 60_000);
});
