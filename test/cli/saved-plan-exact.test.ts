// `apply plan.json` performs exactly the saved plan's actions, as a reviewer approved them: a signing key
// whose planned action is promote-version gets only the promotion, even when a version is due right after.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, stats } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

function config(): string {
  const file = join(lab.dir, "kms.yaml");
  writeFileSync(
    file,
    [
      "version: 1",
      "provider: { alibaba: { region: cn-hangzhou } }",
      "keys:",
      "  - key: alias/signer",
      "    rotation: { mode: manual, interval: 7d }",
      "    signing: { publishAhead: 1d, verifyFor: 3d }",
      "",
    ].join("\n"),
  );
  return file;
}

const versions = (keyId: string) =>
  (call(lab.emu, "ListKeyVersions", { KeyId: keyId }).KeyVersions.KeyVersion as unknown[]).length;

/** A key whose waiting version is due for promotion, and which will be interval old once it is active. */
async function promotionThenDueVersion(): Promise<{ keyId: string; file: string }> {
  const keyId = createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
  const file = config();
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  advanceDays(lab.emu, 7);
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  expect(versions(keyId)).toBe(2);
  advanceDays(lab.emu, 7);
  return { keyId, file };
}

describe("apply of a saved plan", () => {
  it("makes only the promotion it lists; the due version waits for the next plan", async () => {
    const { keyId, file } = await promotionThenDueVersion();
    const saved = join(lab.dir, "p.json");
    const planned = await runBuilt(lab.dir, ["plan", file, "--out", saved, ...at(lab.emu)]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain("promote version");
    // The plan says the version falls due after the promotion, and who makes it.
    const said = planned.stdout + planned.stderr;
    expect(said).toContain("a new version is due once it is active");
    expect(said).toContain("apply of a saved plan leaves it to the next plan");

    const before = await stats(lab.emu);
    const applied = await runBuilt(lab.dir, [
      "apply",
      saved,
      "--auto-approve",
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(applied.code, applied.stderr).toBe(0);
    const after = await stats(lab.emu);
    expect((after.TagResource ?? 0) - (before.TagResource ?? 0)).toBe(1);
    expect((after.CreateKeyVersion ?? 0) - (before.CreateKeyVersion ?? 0)).toBe(0);
    expect(versions(keyId)).toBe(2);
    const result = JSON.parse(applied.stdout) as {
      summary: { applied: number };
      keys: { key: string; action: string; status: string; detail?: string }[];
    };
    expect(result.summary.applied).toBe(1);
    expect(result.keys.map((k) => [k.key, k.action, k.status])).toEqual([
      ["alias/signer", "promote-version", "applied"],
    ]);
    expect(result.keys[0]?.detail ?? "").not.toContain("new version");

    // The next plan shows the version, and applying it makes exactly that.
    const next = await runBuilt(lab.dir, ["plan", file, "--format", "json", ...at(lab.emu)]);
    expect((JSON.parse(next.stdout) as { keys: { action: string }[] }).keys[0]?.action).toBe(
      "create-key-version",
    );
  });
});

describe("one-pass apply of a config", () => {
  it("makes the promotion, then the version due after it, and its result says both", async () => {
    const { keyId, file } = await promotionThenDueVersion();
    const applied = await runBuilt(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(versions(keyId)).toBe(3);
    // The plan it showed before writing named the second write too.
    expect(applied.stdout + applied.stderr).toContain("a new version is due once it is active");
    expect(applied.stdout).toMatch(/applied: make version \S+ the active signing version \(.*; new version /);
  });
});
