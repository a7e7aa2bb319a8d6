// apply makes a signing key's promotion as a TagResource write: once, after publishAhead, decided on a
// fresh read; the pointer tags are what every signer then reads.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, signingKeyYaml, stats, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";
import { lossyProxy } from "../helpers/lossy-proxy.js";

const lab = useLab();

function config(): string {
  return writeConfig(lab.dir, signingKeyYaml());
}

const tags = (keyId: string) =>
  Object.fromEntries(
    (
      call(lab.emu, "ListResourceTags", { KeyId: keyId }).Tags.Tag as { TagKey: string; TagValue: string }[]
    ).map((t) => [t.TagKey, t.TagValue]),
  );

describe("apply of a signing key", () => {
  it("adopts the newest version at once, makes a version when due, promotes it after publishAhead", async () => {
    const keyId = createKey(lab.emu, { spec: "RSA_2048", alias: "alias/signer" });
    const file = config();
    const first = await runCli(lab.dir, ["plan", file, ...at(lab.emu)]);
    expect(first.out).toContain("promote version");
    expect(first.out).toContain("verifiers must already trust it");
    const adopted = await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)]);
    expect(adopted.code).toBe(0);
    const v1 = tags(keyId)["kms-rotation:active-version"];
    expect(v1).toBeDefined();
    expect(tags(keyId)["kms-rotation:active-since"]).toMatch(/^2026-01-01T00:00:\d\dZ$/);

    advanceDays(lab.emu, 7);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    expect(tags(keyId)["kms-rotation:active-version"]).toBe(v1);
    const versions = call(lab.emu, "ListKeyVersions", { KeyId: keyId }).KeyVersions.KeyVersion as unknown[];
    expect(versions).toHaveLength(2);

    lab.emu.service.advanceClock(23 * 3600);
    const early = await runCli(lab.dir, ["plan", file, "--detailed-exitcode", ...at(lab.emu)]);
    expect(early.code).toBe(0);
    lab.emu.service.advanceClock(3600);
    const due = await runCli(lab.dir, ["plan", file, "--format", "json", ...at(lab.emu)]);
    const planned = JSON.parse(due.out).keys[0];
    expect(planned.action).toBe("promote-version");
    expect(planned.keyVersionId).not.toBe(v1);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    expect(tags(keyId)["kms-rotation:active-version"]).toBe(planned.keyVersionId);
    const again = await runCli(lab.dir, ["plan", file, "--detailed-exitcode", ...at(lab.emu)]);
    expect(again.code).toBe(0);
  });

  it("applies a saved plan's promotion, and refuses it once another run moved the pointer", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    const file = config();
    const saved = join(lab.dir, "plan.json");
    expect((await runCli(lab.dir, ["plan", file, "--out", saved, ...at(lab.emu)])).code).toBe(0);
    const other = join(lab.dir, "other.json");
    expect((await runCli(lab.dir, ["plan", file, "--out", other, ...at(lab.emu)])).code).toBe(0);
    expect((await runCli(lab.dir, ["apply", saved, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const stale = await runCli(lab.dir, ["apply", other, "--auto-approve", ...at(lab.emu)]);
    expect(stale.code).toBe(1);
    expect(stale.err + stale.out).toMatch(/activeVersion/);
  });

  it("adopts a key already due, then makes its version in the same apply; a second apply does nothing", async () => {
    const keyId = createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    advanceDays(lab.emu, 8);
    const file = config();
    const applied = await runCli(lab.dir, [
      "apply",
      file,
      "--auto-approve",
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(applied.code).toBe(0);
    const result = JSON.parse(applied.out).keys[0];
    expect(result.action).toBe("promote-version");
    expect(result.detail).toMatch(/^version \S+ is active; new version \S+$/);
    const versions = call(lab.emu, "ListKeyVersions", { KeyId: keyId }).KeyVersions.KeyVersion as unknown[];
    expect(versions).toHaveLength(2);
    const again = await runCli(lab.dir, ["plan", file, "--detailed-exitcode", ...at(lab.emu)]);
    expect(again.code).toBe(0);
  });

  it("settles a promotion whose answer was lost by reading the tags, never sending it again", async () => {
    const keyId = createKey(lab.emu, { spec: "RSA_2048", alias: "alias/signer" });
    const file = config();
    const proxy = await lossyProxy(lab.emu.url, (action) => action === "TagResource");
    try {
      const args = ["apply", file, "--auto-approve", "--format", "json", "--endpoint", proxy.url];
      const run = await runCli(lab.dir, [
        ...args,
        "--now",
        lab.emu.service.now().toISOString(),
        "--qps",
        "2000",
      ]);
      expect(run.code, run.err).toBe(0);
      const result = JSON.parse(run.out).keys[0];
      expect(result.status).toBe("applied");
      expect(result.detail).toMatch(/response was lost/);
      expect(proxy.lost()).toBe(1);
      expect((await stats(lab.emu)).TagResource).toBe(1);
      expect(tags(keyId)["kms-rotation:active-version"]).toBeDefined();
    } finally {
      await proxy.close();
    }
  });

  it("blocks signing: on a key that cannot sign", async () => {
    createKey(lab.emu, { spec: "RSA_2048", usage: "ENCRYPT/DECRYPT", alias: "alias/signer" });
    const result = await runCli(lab.dir, ["plan", config(), "--format", "json", ...at(lab.emu)]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).keys[0].reason.code).toBe("SigningUnsupported");
  });
});
