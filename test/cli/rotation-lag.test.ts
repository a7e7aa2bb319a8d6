// In the window an emulator's `--rotation-lag` opens (NextRotationDate passed, the service not yet rotated),
// the tool does what a user expects: apply does its write once, plan and drift see nothing to do, and a
// saved plan is not called stale because KMS rotated a key by its own policy.

import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { DAY } from "../../src/model/index.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, emulator, stats, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
});

async function lagged(): Promise<RunningEmulator> {
  emu = await emulator({ region: "cn-hangzhou", rotationLagSeconds: DAY });
  return emu;
}

function versionCount(e: RunningEmulator, keyId: string): number {
  return call(e, "ListKeyVersions", { KeyId: keyId, PageSize: "1" }).TotalCount;
}

describe("the rotation lag window", () => {
  it("enabling rotation on an overdue key: one write, then plan and drift in sync before and after the rotation shows", async () => {
    const e = await lagged();
    const dir = tempDir();
    const keyId = createKey(e, { alias: "alias/orders" });
    advanceDays(e, 400);
    const config = writeConfig(
      dir,
      "  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n",
    );
    const applied = await runCli(dir, ["apply", config, "--auto-approve", ...at(e)]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    // Inside the window: the policy is on, the rotation it made due has not happened yet.
    expect(versionCount(e, keyId)).toBe(1);
    for (const hours of [0, 12]) {
      e.service.advanceClock(hours * 3600);
      expect((await runCli(dir, ["plan", config, "--detailed-exitcode", ...at(e)])).code).toBe(0);
      expect((await runCli(dir, ["drift", config, ...at(e)])).code).toBe(0);
      expect((await runCli(dir, ["apply", config, "--auto-approve", ...at(e)])).code).toBe(0);
    }
    advanceDays(e, 1);
    expect(versionCount(e, keyId)).toBe(2);
    expect((await runCli(dir, ["plan", config, "--detailed-exitcode", ...at(e)])).code).toBe(0);
    expect((await runCli(dir, ["drift", config, ...at(e)])).code).toBe(0);
    const calls = await stats(e);
    expect(calls.UpdateRotationPolicy).toBe(1);
    expect(calls.CreateKeyVersion ?? 0).toBe(0);
  });

  it("a saved plan stays good when KMS rotates a key it leaves alone, and still applies its one write", async () => {
    const e = await lagged();
    const dir = tempDir();
    const rotating = createKey(e, { alias: "alias/rotating", rotation: "30d" });
    createKey(e, { alias: "alias/off" });
    advanceDays(e, 30);
    const config = writeConfig(
      dir,
      [
        "  - key: alias/rotating",
        "    rotation: { mode: automatic, interval: 30d }",
        "  - key: alias/off",
        "    rotation: { mode: automatic, interval: 90d }",
        "",
      ].join("\n"),
    );
    const saved = join(dir, "plan.json");
    expect((await runCli(dir, ["plan", config, "--out", saved, ...at(e)])).code).toBe(0);
    // NextRotationDate of alias/rotating has passed; the service rotates it a day later, after the plan.
    expect(versionCount(e, rotating)).toBe(1);
    advanceDays(e, 1);
    expect(versionCount(e, rotating)).toBe(2);
    const applied = await runCli(dir, ["apply", saved, "--auto-approve", ...at(e)]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    expect((await stats(e)).UpdateRotationPolicy).toBe(1);
    expect(call(e, "DescribeKey", { KeyId: "alias/off" }).KeyMetadata.RotationInterval).toBe("7776000s");
  });

  it("a saved plan is still stale when the policy of a key it leaves alone changed", async () => {
    const e = await lagged();
    const dir = tempDir();
    const keyId = createKey(e, { alias: "alias/rotating", rotation: "30d" });
    const config = writeConfig(
      dir,
      "  - key: alias/rotating\n    rotation: { mode: automatic, interval: 30d }\n",
    );
    const saved = join(dir, "plan.json");
    expect((await runCli(dir, ["plan", config, "--out", saved, ...at(e)])).code).toBe(0);
    call(e, "UpdateRotationPolicy", {
      KeyId: keyId,
      EnableAutomaticRotation: "true",
      RotationInterval: "60d",
    });
    const applied = await runCli(dir, ["apply", saved, "--auto-approve", ...at(e)]);
    expect(applied.code).toBe(1);
    expect(applied.err).toContain("rotationInterval: 30d -> 60d");
  });
});
