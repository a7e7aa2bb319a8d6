// A stale saved plan's refusal names what moved in the words every other view uses: an interval as
// `90d`, not as the seconds KMS reports.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { call, createKey, stats, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

describe("a stale saved plan", () => {
  it("shows a changed rotation interval as a duration, and changes nothing", async () => {
    const keyId = createKey(lab.emu, { alias: "alias/orders", rotation: "7776000s" });
    const config = writeConfig(
      lab.dir,
      "  - key: alias/orders\n    rotation: { mode: automatic, interval: 60d }",
    );
    const saved = join(lab.dir, "plan.json");
    expect((await runCli(lab.dir, ["plan", config, "--out", saved, ...at(lab.emu)])).code).toBe(0);
    call(lab.emu, "UpdateRotationPolicy", {
      KeyId: keyId,
      EnableAutomaticRotation: "true",
      RotationInterval: "2592000s",
    });
    const before = await stats(lab.emu);
    const r = await runCli(lab.dir, ["apply", saved, "--auto-approve", ...at(lab.emu)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("alias/orders (cn-hangzhou): rotationInterval: 90d -> 30d");
    expect(r.err).not.toMatch(/7776000|2592000/);
    expect((await stats(lab.emu)).UpdateRotationPolicy ?? 0).toBe(before.UpdateRotationPolicy ?? 0);
  });
});
