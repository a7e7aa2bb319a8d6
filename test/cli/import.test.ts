import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, emulator, tempDir } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;

beforeEach(async () => {
  emu = await emulator({ region: "cn-hangzhou" });
  dir = tempDir();
});
afterEach(async () => {
  await emu.close();
});

const cli = (...args: string[]) => runCli(dir, args);

/** 160 keys of every kind: rotation on and off, asymmetric, BYOK, disabled, pending deletion, no alias. */
function bigFleet(): void {
  const deleting: string[] = [];
  const intervals = ["30d", "90d", "365d", "720h", "604800s"];
  for (let i = 0; i < 160; i++) {
    const kind = i % 8;
    const alias = i % 5 === 4 ? undefined : `alias/app-${i}`;
    if (kind === 0) createKey(emu, { alias, rotation: intervals[i % intervals.length] });
    else if (kind === 1) createKey(emu, { alias });
    else if (kind === 2) createKey(emu, { alias, spec: "RSA_2048" });
    else if (kind === 3) createKey(emu, { alias, spec: "EC_P256" });
    else if (kind === 4) createKey(emu, { alias, origin: "EXTERNAL" });
    else if (kind === 5) call(emu, "DisableKey", { KeyId: createKey(emu, { alias, rotation: "90d" }) });
    else if (kind === 6) deleting.push(createKey(emu, { alias }));
    else createKey(emu, { alias, spec: "Aliyun_SM4", rotation: "180d" });
  }
  advanceDays(emu, 400);
  for (const keyId of deleting) call(emu, "ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "30" });
}

describe("import", () => {
  it("writes a config for 160 keys of every kind that validates and plans to no changes", async () => {
    bigFleet();
    const out = join(dir, "imported.yaml");
    const imported = await cli(
      "import",
      "--region",
      "cn-hangzhou",
      "--endpoint",
      emu.url,
      "--qps",
      "2000",
      "--out",
      out,
    );
    // Only the confirmation, on stderr (stdout is empty: the config went to the file).
    expect(imported.err).toMatch(/^Wrote a config declaring 140 keys to: \S+imported\.yaml\n/);
    expect(imported.out).toBe("");
    expect(imported.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/# Left out: keys pending deletion/);
    expect((text.match(/^ {2}- key: /gm) ?? []).length).toBe(140);
    expect(text).toMatch(/# RSA_2048, Enabled/);

    const validated = await cli("validate", out);
    expect(validated.out).toMatch(/^ok: 140 keys in 1 region/);
    const planned = await cli(
      "plan",
      out,
      "--detailed-exitcode",
      "--endpoint",
      emu.url,
      "--now",
      emu.service.now().toISOString(),
    );
    expect(planned.err).toBe("");
    expect(planned.code).toBe(0);
  });

  it("a region holding keys in KMS instances of both types imports to a config that plans to no changes", async () => {
    const instances = await emulator({
      region: "cn-hangzhou",
      instances: { "kst-soft": "software", "kst-hsm": "hsm" },
    });
    try {
      createKey(instances, { alias: "alias/soft-365", instance: "kst-soft", rotation: "365d" });
      createKey(instances, { alias: "alias/soft-7", instance: "kst-soft", rotation: "7d" });
      const byHand = createKey(instances, { alias: "alias/soft-manual", instance: "kst-soft" });
      createKey(instances, { alias: "alias/soft-signer", instance: "kst-soft", spec: "EC_P256" });
      createKey(instances, { alias: "alias/hsm-aes", instance: "kst-hsm" });
      createKey(instances, { alias: "alias/hsm-signer", instance: "kst-hsm", spec: "RSA_2048" });
      createKey(instances, { alias: "alias/shared-730", rotation: "730d" });
      call(instances, "CreateKeyVersion", { KeyId: byHand });
      advanceDays(instances, 100);
      const out = join(dir, "instances.yaml");
      const imported = await cli(
        "import",
        "--region",
        "cn-hangzhou",
        "--endpoint",
        instances.url,
        "--out",
        out,
      );
      expect(imported.code).toBe(0);
      const text = readFileSync(out, "utf8");
      expect(text).toMatch(/KMS instance kst-hsm \(HSM\)/);
      expect(text).toMatch(/KMS instance kst-soft \(SOFTWARE\)/);
      expect((text.match(/^ {2}- key: /gm) ?? []).length).toBe(7);
      expect((await cli("validate", out)).out).toMatch(/^ok: 7 keys in 1 region/);
      const now = instances.service.now().toISOString();
      const planned = await cli(
        "plan",
        out,
        "--detailed-exitcode",
        "--endpoint",
        instances.url,
        "--now",
        now,
      );
      expect(planned.err).toBe("");
      expect(planned.code).toBe(0);
    } finally {
      await instances.close();
    }
  });

  it("refuses an endpoint that serves another region, and an unwritable --out, in one line each", async () => {
    createKey(emu, { alias: "alias/orders-db" });
    const wrong = await cli("import", "--region", "cn-shanghai", "--endpoint", emu.url);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/another region/);
    expect(wrong.out).toBe("");
    const unwritable = await cli(
      "import",
      "--region",
      "cn-hangzhou",
      "--endpoint",
      emu.url,
      "--out",
      join(dir, "no/such/dir.yaml"),
    );
    expect(unwritable.code).toBe(1);
    expect(unwritable.err).toMatch(/^error: cannot write .*: no such file; nothing was written\n/);
  });

  it("needs a region", async () => {
    const { code, err } = await cli("import", "--endpoint", emu.url);
    expect(code).toBe(1);
    expect(err).toMatch(/--region/);
  });
});
