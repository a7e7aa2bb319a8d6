// A saved plan names each key once and its summary counts its keys: a plan listing a key twice (or by its
// alias and by its KeyId), or whose summary disagrees with its keys, is refused whole, with no KMS call.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, stats, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

// biome-ignore lint/suspicious/noExplicitAny: the test edits the plan file by its documented shape
async function savedPlan(edit: (json: any) => void): Promise<string> {
  createKey(lab.emu, { alias: "alias/signer", spec: "EC_P256" });
  createKey(lab.emu, { alias: "alias/orders" });
  advanceDays(lab.emu, 40);
  const config = writeConfig(
    lab.dir,
    [
      "  - key: alias/signer\n    rotation: { mode: manual, interval: 30d }",
      "  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }",
    ].join("\n"),
  );
  const file = join(lab.dir, "pt4.json");
  const planned = await runCli(lab.dir, ["plan", config, "--out", file, ...at(lab.emu)]);
  expect(planned.code, planned.err).toBe(0);
  const json = JSON.parse(readFileSync(file, "utf8"));
  expect(json.keys[0].action).toBe("create-key-version");
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

async function refused(file: string): Promise<string> {
  const before = await stats(lab.emu);
  const r = await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)]);
  expect(r.code).toBe(1);
  expect(r.out).toBe("");
  expect(r.err).toContain("contradicts itself");
  expect(await stats(lab.emu)).toEqual(before);
  return r.err;
}

describe("apply of a saved plan that lists a key twice", () => {
  it("refuses the same entry twice, naming the key, with no KMS call", async () => {
    const file = await savedPlan((json) => {
      json.keys.push(json.keys[0]);
      json.summary.changes += 1;
    });
    const err = await refused(file);
    expect(err).toContain("alias/signer (cn-hangzhou): listed again at keys[2] (first at keys[0])");
  });

  it("refuses one key named by its alias and again by its KeyId", async () => {
    const file = await savedPlan((json) => {
      json.keys.push({ ...json.keys[0], key: json.keys[0].keyId });
      json.summary.changes += 1;
    });
    const err = await refused(file);
    expect(err).toMatch(/listed again at keys\[2\] \(first at keys\[0\]\)/);
  });

  it("refuses a summary that does not count the keys", async () => {
    const file = await savedPlan((json) => {
      json.summary.changes = 9;
    });
    const err = await refused(file);
    expect(err).toContain("summary: changes 9, but the keys give changes 2");
  });
});

describe("plan --out of a config naming one key twice", () => {
  it("refuses it at the second entry, naming the first, and saves nothing", async () => {
    const keyId = createKey(lab.emu, { alias: "alias/orders" });
    const config = writeConfig(
      lab.dir,
      [
        "  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }",
        `  - key: ${keyId}\n    rotation: { mode: automatic, interval: 90d }`,
      ].join("\n"),
    );
    const file = join(lab.dir, "twice.json");
    const r = await runCli(lab.dir, ["plan", config, "--out", file, ...at(lab.emu)]);
    // Refused once KMS is read, before anything is saved (writePlanFile would refuse it too: test/app).
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `kms.yaml:8:10: ${keyId} is declared twice in cn-hangzhou (first at line 6, as alias/orders): both are KeyId ${keyId}; declare it once`,
    );
    expect(existsSync(file)).toBe(false);
  });
});
