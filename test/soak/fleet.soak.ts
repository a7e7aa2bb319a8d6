// The "Done when" figures at full size, through the CLI against emulators enforcing the
// service's quotas (npm run test:soak). Assertions are on what the service received and what was
// reported; wall time is measured by `npm run bench`, not asserted.

import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { fleetConfig, keyState, makeFleet, nowOf, SERVICE_QUOTA, useRegions } from "../cli/fleet-setup.js";
import { runCli } from "../helpers/cli.js";
import { stats, tempDir } from "../helpers/fleet.js";
import { blackHole } from "../helpers/proxy.js";

const region = useRegions();

describe("at the service's default quota, 30 ms per call", () => {
  it("plans 3 regions x 200 keys with at most 1.05 calls per key", async () => {
    const dir = tempDir();
    const names = ["cn-hangzhou", "cn-shanghai", "cn-beijing"];
    const regions = await Promise.all(names.map((n) => region(n, { qps: SERVICE_QUOTA, latencyMs: 30 })));
    const fleets = regions.map((emu) => makeFleet(emu, { update: 0, due: 0, unchanged: 200 }));
    const file = fleetConfig(dir, regions, fleets);
    const r = await runCli(dir, ["plan", file, ...nowOf(regions[0] as RunningEmulator)]);
    expect(r.code).toBe(0);
    let calls = 0;
    for (const emu of regions) calls += Object.values(await stats(emu)).reduce((a, b) => a + b, 0);
    expect(calls / 600).toBeLessThanOrEqual(1.05);
  });

  it("apply --auto-approve of 240 keys with 120 changes: exactly 120 writes, one read per key", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", { qps: SERVICE_QUOTA, latencyMs: 30 });
    const fleet = makeFleet(emu, { update: 80, due: 40, unchanged: 120 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...nowOf(emu)]);
    expect(r.code).toBe(0);
    const calls = await stats(emu);
    expect(calls.UpdateRotationPolicy).toBe(80);
    expect(calls.CreateKeyVersion).toBe(40);
    expect(calls.ListKeyVersions).toBe(40);
    expect(calls.DescribeKey ?? 0).toBeLessThanOrEqual(240 * 1.05);
  });
});

describe("faults", () => {
  it("apply of 200 keys under --fault-rate 0.3 --qps 50 exits 0, 20 runs out of 20", async () => {
    for (let run = 0; run < 20; run += 1) {
      const dir = tempDir();
      const emu = await region("cn-hangzhou", { faultRate: 0.3, qps: { read: 50, write: 50, create: 50 } });
      const fleet = makeFleet(emu, { update: 100, due: 50, unchanged: 50 });
      const file = fleetConfig(dir, [emu], [fleet]);
      const r = await runCli(dir, ["apply", file, "--auto-approve", "--qps", "50", ...nowOf(emu)]);
      expect({ run, code: r.code, err: r.err }).toEqual({ run, code: 0, err: "" });
      for (const key of fleet.due) expect(keyState(emu, key).versions).toBe(2);
      await emu.close();
    }
  });

  it("under --fault-rate 0.5 no key is rotated twice and no write that took effect is reported failed", async () => {
    for (let run = 0; run < 5; run += 1) {
      const dir = tempDir();
      const emu = await region("cn-hangzhou", { faultRate: 0.5, qps: { read: 50, write: 50, create: 50 } });
      const fleet = makeFleet(emu, { update: 100, due: 100, unchanged: 0 });
      const file = fleetConfig(dir, [emu], [fleet]);
      const r = await runCli(dir, [
        "apply",
        file,
        "--auto-approve",
        "--format",
        "json",
        "--qps",
        "50",
        ...nowOf(emu),
      ]);
      const status = new Map(
        (JSON.parse(r.out) as { keys: { key: string; status: string }[] }).keys.map((k) => [k.key, k.status]),
      );
      for (const key of fleet.due) {
        const { versions } = keyState(emu, key);
        expect(versions).toBeLessThanOrEqual(2);
        expect(status.get(key) === "applied").toBe(versions === 2);
      }
      for (const key of fleet.update) {
        expect(status.get(key) === "applied").toBe(keyState(emu, key).rotation === "Enabled");
      }
      await emu.close();
    }
  });
});

describe("an endpoint that accepts connections and never answers", () => {
  it("fails the run with one line naming it, with the default --timeout (about 10 s)", async () => {
    const hole = await blackHole();
    try {
      const dir = tempDir();
      const emu = await region("cn-hangzhou");
      const fleet = makeFleet(emu, { update: 40, due: 0, unchanged: 0 });
      const file = fleetConfig(dir, [emu], [fleet]);
      const r = await runCli(dir, ["plan", file, "--endpoint", hole.url, ...nowOf(emu)]);
      expect(r.code).toBe(1);
      const lines = r.err.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(hole.url.slice("http://".length));
    } finally {
      await hole.close();
    }
  });
});
