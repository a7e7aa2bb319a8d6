// Keys in a KMS instance have ids of the service's `key-hzz…` form and versions `<key id>-<suffix>`:
// named by KeyId and by ARN, they flow through validate, plan, apply, drift and import like any key.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

const ACCOUNT = "1234567890123456";
const INSTANCE_KEY = /^key-hzz[0-9a-z]{18}$/;

let emu: RunningEmulator;
let dir: string;

beforeEach(async () => {
  emu = await emulator({ region: "cn-hangzhou", instances: { "kst-hzz6soft": "software" } });
  dir = tempDir();
});
afterEach(async () => {
  await emu.close();
});

const cli = (...args: string[]) => runCli(dir, [...args, ...at(emu)]);

function versions(keyId: string): string[] {
  const listed = call(emu, "ListKeyVersions", { KeyId: keyId, PageSize: "100" });
  return listed.KeyVersions.KeyVersion.map((v: { KeyVersionId: string }) => v.KeyVersionId);
}

describe("instance key ids", () => {
  it("plan, apply, drift and import handle key-hzz… ids and their version ids, by KeyId and by ARN", async () => {
    const automatic = createKey(emu, { instance: "kst-hzz6soft" });
    const manual = createKey(emu, { instance: "kst-hzz6soft" });
    expect(automatic).toMatch(INSTANCE_KEY);
    expect(manual).toMatch(INSTANCE_KEY);
    advanceDays(emu, 40);
    const config = writeConfig(
      dir,
      [
        `  - key: ${automatic}`,
        "    rotation: { mode: automatic, interval: 30d }",
        `  - key: acs:kms:cn-hangzhou:${ACCOUNT}:key/${manual}`,
        "    rotation: { mode: manual, interval: 30d }",
        "",
      ].join("\n"),
    );
    expect((await runCli(dir, ["validate", config])).code).toBe(0);

    const plan = await cli("plan", config, "--format", "json", "--detailed-exitcode");
    expect(plan.err).toBe("");
    expect(plan.code).toBe(2);
    const planned = JSON.parse(plan.out);
    const planText = JSON.stringify(planned);
    expect(planText).toContain(automatic);
    expect(planText).toContain(manual);

    const saved = join(dir, "plan.json");
    expect((await cli("plan", config, "--out", saved)).code).toBe(0);
    const applied = await cli("apply", saved, "--auto-approve");
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    // The manual key got one new version, named as the service names an instance key's versions.
    const manualVersions = versions(manual);
    expect(manualVersions).toHaveLength(2);
    for (const id of manualVersions) expect(id).toMatch(new RegExp(`^${manual}-[0-9a-z]{10}$`));
    expect(call(emu, "DescribeKey", { KeyId: automatic }).KeyMetadata.RotationInterval).toBe("2592000s");

    const drift = await cli("drift", config, "--format", "json");
    expect(drift.code).toBe(0);
    expect(JSON.stringify(JSON.parse(drift.out))).toContain(manual);
    const again = await cli("plan", config, "--detailed-exitcode");
    expect(again.code).toBe(0);

    const out = join(dir, "imported.yaml");
    const imported = await cli("import", "--region", "cn-hangzhou", "--out", out);
    expect(imported.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain(`key: ${automatic}`);
    expect(text).toContain(`key: ${manual}`);
    expect((await runCli(dir, ["validate", out])).code).toBe(0);
    const replanned = await cli("plan", out, "--detailed-exitcode");
    expect(replanned.err).toBe("");
    expect(replanned.code).toBe(0);
  });
});
