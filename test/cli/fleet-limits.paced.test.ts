// A fleet under the service's real limits, through the CLI against emulators that enforce them:
// pacing to the quota, one read per key, exactly one write per change, faults and interrupts.
// Scaled down from the figures (those run in `npm run bench` and `npm run test:soak`); the
// assertions are on what the service received and what was reported, never on wall-clock time.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { denyProxy } from "../helpers/deny-proxy.js";
import { createKey, stats, tempDir, writes } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";
import { lossyProxy } from "../helpers/lossy-proxy.js";
import { seeded } from "../kms/helpers.js";
import { fleetConfig, keyState, makeFleet, nowOf, SERVICE_QUOTA, useRegions } from "./fleet-setup.js";

const region = useRegions();

describe("pacing to the quota", () => {
  it("plans two regions at the service's default quota with one read per key, ListKeyVersions only for due keys", async () => {
    const dir = tempDir();
    const regions = await Promise.all(
      ["cn-hangzhou", "cn-shanghai"].map((r) => region(r, { qps: SERVICE_QUOTA, latencyMs: 30 })),
    );
    const fleets = regions.map((emu) => makeFleet(emu, { update: 10, due: 4, unchanged: 26 }));
    const file = fleetConfig(dir, regions, fleets);
    const r = await runCli(dir, ["plan", file, "--format", "json", ...nowOf(regions[0] as RunningEmulator)]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.out) as { summary: Record<string, number> };
    expect(plan.summary).toEqual({ changes: 28, blocked: 0, unchanged: 52 });
    for (const emu of regions) {
      const calls = await stats(emu);
      // Every request the service received counts, throttled ones included.
      expect(calls.DescribeKey ?? 0).toBeLessThanOrEqual(Math.floor(40 * 1.05));
      // ListKeyVersions only for the 4 due keys; the ListAliases page now shares the read quota, so one
      // throttled answer (counted here, then retried) may add one request, as DescribeKey's bound allows.
      expect(calls.ListKeyVersions).toBeGreaterThanOrEqual(4);
      expect(calls.ListKeyVersions).toBeLessThanOrEqual(5);
      // The keys are declared by alias: one ListAliases page (100 aliases) per region holds each
      // DescribeKey answer to its alias's target (section 14); a throttled one is retried once.
      expect(calls.ListAliases).toBeGreaterThanOrEqual(1);
      expect(calls.ListAliases).toBeLessThanOrEqual(2);
      expect(Object.keys(calls).sort()).toEqual(["DescribeKey", "ListAliases", "ListKeyVersions"]);
    }
  });

  it("apply --auto-approve sends exactly one write per change and reads each key once", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", { qps: SERVICE_QUOTA, latencyMs: 30 });
    const fleet = makeFleet(emu, { update: 8, due: 4, unchanged: 12 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...nowOf(emu)]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Apply complete: 12 applied, 0 failed, 0 blocked, 12 unchanged.");
    const calls = await stats(emu);
    expect(calls.UpdateRotationPolicy).toBe(8);
    expect(calls.CreateKeyVersion).toBe(4);
    expect(calls.DescribeKey ?? 0).toBeLessThanOrEqual(Math.floor(24 * 1.05));
    expect(calls.ListKeyVersions).toBe(4);
    for (const key of fleet.due) expect(keyState(emu, key).versions).toBe(2);
  });
});

describe("faults", () => {
  it("apply under --fault-rate 0.3 --qps 50 succeeds in one run; every due key gets exactly one new version", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", {
      faultRate: 0.3,
      qps: { read: 50, write: 50, create: 50 },
      random: seeded(8),
    });
    const fleet = makeFleet(emu, { update: 20, due: 10, unchanged: 10 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const r = await runCli(dir, ["apply", file, "--auto-approve", "--qps", "50", ...nowOf(emu)]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    for (const key of fleet.due) expect(keyState(emu, key).versions).toBe(2);
    for (const key of fleet.update) expect(keyState(emu, key).rotation).toBe("Enabled");
  });

  it("under --fault-rate 0.5 no key is rotated twice and no write that took effect is reported failed", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", { faultRate: 0.5, random: seeded(21) });
    const fleet = makeFleet(emu, { update: 15, due: 15, unchanged: 0 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const r = await runCli(dir, [
      "apply",
      file,
      "--auto-approve",
      "--format",
      "json",
      "--qps",
      "200",
      ...nowOf(emu),
    ]);
    expect([0, 1]).toContain(r.code);
    const result = JSON.parse(r.out) as { keys: { key: string; status: string }[] };
    const status = new Map(result.keys.map((k) => [k.key, k.status]));
    for (const key of fleet.due) {
      const { versions } = keyState(emu, key);
      expect(versions).toBeLessThanOrEqual(2);
      expect(status.get(key) === "applied").toBe(versions === 2);
    }
    for (const key of fleet.update) {
      expect(status.get(key) === "applied").toBe(keyState(emu, key).rotation === "Enabled");
    }
  });
});

describe("isolation", () => {
  it("a key that cannot be read is an error entry; the others are planned and applied; plan --out refuses", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou");
    const fleet = makeFleet(emu, { update: 3, due: 1, unchanged: 2 });
    const denied = createKey(emu, { alias: "alias/denied" });
    const proxy = await denyProxy(emu.url, "alias/denied");
    try {
      fleet.declared.set("alias/denied", "{ mode: automatic, interval: 30d }");
      const file = fleetConfig(dir, [emu], [fleet]);
      const at = ["--endpoint", proxy.url, "--qps", "2000", ...nowOf(emu)];
      const planned = await runCli(dir, ["plan", file, "--format", "json", ...at]);
      expect(planned.code).toBe(1);
      const plan = JSON.parse(planned.out) as {
        summary: Record<string, number>;
        keys: { key: string; action: string; error?: { code: string } }[];
      };
      expect(plan.summary).toEqual({ changes: 4, blocked: 0, unchanged: 2, errors: 1 });
      expect(plan.keys.find((k) => k.key === "alias/denied")).toMatchObject({
        action: "error",
        error: { code: "Forbidden.NoPermission" },
      });
      expect(planned.err).toBe(
        "error: cannot read alias/denied in cn-hangzhou: Forbidden.NoPermission: This operation for this key is forbidden by your RAM policy.\n",
      );

      const out = join(dir, "plan.json");
      const saved = await runCli(dir, ["plan", file, "--out", out, ...at]);
      expect(saved.code).toBe(1);
      expect(saved.err).toContain(`not saving the plan to ${out}`);
      expect(existsSync(out)).toBe(false);

      const drift = await runCli(dir, ["drift", file, "--format", "json", ...at]);
      expect(drift.code).toBe(1);
      const report = JSON.parse(drift.out) as { keys: { key: string; status: string }[] };
      expect(report.keys.find((k) => k.key === "alias/denied")?.status).toBe("error");

      const applied = await runCli(dir, ["apply", file, "--auto-approve", ...at]);
      expect(applied.code).toBe(1);
      expect(writes(await stats(emu))).toBe(4);
      expect(keyState(emu, denied).rotation).toBe("Disabled");
    } finally {
      await proxy.close();
    }
  });

  it("an endpoint nobody listens on fails the run with one line naming it", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou");
    const url = emu.url;
    const fleet = makeFleet(emu, { update: 30, due: 0, unchanged: 0 });
    const file = fleetConfig(dir, [emu], [fleet]);
    await emu.close();
    const r = await runCli(dir, ["plan", file, "--endpoint", url, "--now", "2026-06-01T00:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(url.replace("http://", ""));
    expect(lines[0]).toContain(": connection refused");
  });
});

describe("interrupted", () => {
  it("reports what was done and what was not, exits 130, and the next apply converges", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", { latencyMs: 60 });
    const fleet = makeFleet(emu, { update: 30, due: 0, unchanged: 0 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const controller = new AbortController();
    // The write quota (10/s) makes 30 writes take 3 s: stop after a few have been sent.
    setTimeout(() => controller.abort(new Error("interrupted")), 800);
    const first = await runCli(
      dir,
      ["apply", file, "--auto-approve", "--format", "json", ...nowOf(emu)],
      controller.signal,
    );
    expect(first.code).toBe(130);
    expect(first.err).toMatch(
      /^Apply interrupted: \d+ applied, \d+ not attempted; run apply again to finish\.\n$/,
    );
    const result = JSON.parse(first.out) as { interrupted: boolean; keys: { key: string; status: string }[] };
    expect(result.interrupted).toBe(true);
    const done = result.keys.filter((k) => k.status === "applied").map((k) => k.key);
    const left = result.keys.filter((k) => k.status === "not-attempted").map((k) => k.key);
    expect(done.length + left.length).toBe(30);
    expect(left.length).toBeGreaterThan(0);
    for (const key of done) expect(keyState(emu, key).rotation).toBe("Enabled");
    for (const key of left) expect(keyState(emu, key).rotation).toBe("Disabled");
    // Every write the service received is reported done: none was sent and then called not attempted.
    expect((await stats(emu)).UpdateRotationPolicy).toBe(done.length);

    const second = await runCli(dir, ["apply", file, "--auto-approve", "--qps", "2000", ...nowOf(emu)]);
    expect(second.code).toBe(0);
    expect((await stats(emu)).UpdateRotationPolicy).toBe(30);
    for (const key of fleet.update) expect(keyState(emu, key).rotation).toBe("Enabled");
  });
});

describe("on a terminal", () => {
  it("the status line shows throttling and the paced rate while it happens", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", {
      qps: { read: 10, write: 10, create: 10 },
    });
    const fleet = makeFleet(emu, { update: 0, due: 0, unchanged: 20 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const io = captureIo({ cwd: dir, tty: true, env: { NO_COLOR: "1" } });
    // The client is told the quota is ten times what the service allows: it must find out.
    const code = await main(["plan", file, "--qps", "100", ...nowOf(emu)], io);
    expect(code).toBe(0);
    expect(io.err()).toMatch(/throttled \d+x, pacing at \d+(\.\d)?\/s/);
    expect(io.err()).not.toContain("\n");
  });
});

describe("a region that cannot be reached", () => {
  it("apply --auto-approve goes on in the other regions, says so in one line, and exits 1", async () => {
    const dir = tempDir();
    const live = await region("cn-hangzhou");
    const dead = await region("cn-shanghai");
    const fleets = [live, dead].map((emu) => makeFleet(emu, { update: 5, due: 0, unchanged: 0 }));
    const file = fleetConfig(dir, [live, dead], fleets);
    const deadUrl = dead.url;
    await dead.close();
    const r = await runCli(dir, ["apply", file, "--auto-approve", "--qps", "2000", ...nowOf(live)]);
    expect(r.code).toBe(1);
    expect(writes(await stats(live))).toBe(5);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(deadUrl);
    expect(lines[0]).toContain("5 keys in cn-shanghai not read");
  });
});

describe("writes whose answers are lost", () => {
  it("are settled by reading the key: reported applied, never sent again", async () => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou");
    const fleet = makeFleet(emu, { update: 3, due: 3, unchanged: 0 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const proxy = await lossyProxy(
      emu.url,
      (action) => action === "CreateKeyVersion" || action === "UpdateRotationPolicy",
    );
    try {
      const r = await runCli(dir, [
        "apply",
        file,
        "--auto-approve",
        "--format",
        "json",
        "--endpoint",
        proxy.url,
        "--qps",
        "2000",
        ...nowOf(emu),
      ]);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out) as { keys: { status: string; detail?: string }[] };
      expect(
        result.keys.every((k) => k.status === "applied" && /response was lost/.test(k.detail ?? "")),
      ).toBe(true);
      expect(proxy.lost()).toBe(6);
      const calls = await stats(emu);
      expect(calls.CreateKeyVersion).toBe(3);
      expect(calls.UpdateRotationPolicy).toBe(3);
      for (const key of fleet.due) expect(keyState(emu, key).versions).toBe(2);
    } finally {
      await proxy.close();
    }
  });
});

describe("interrupting a read-only command", () => {
  it.each(["plan", "drift"])("%s exits 130 and says nothing was changed", async (command) => {
    const dir = tempDir();
    const emu = await region("cn-hangzhou", { latencyMs: 50 });
    const fleet = makeFleet(emu, { update: 40, due: 0, unchanged: 0 });
    const file = fleetConfig(dir, [emu], [fleet]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("interrupted")), 300);
    const r = await runCli(dir, [command, file, ...nowOf(emu)], controller.signal);
    expect(r.code).toBe(130);
    expect(r.out).toBe("");
    expect(r.err).toBe("Interrupted; nothing was changed.\n");
    expect((await stats(emu)).DescribeKey ?? 0).toBeLessThan(40);
  });
});
