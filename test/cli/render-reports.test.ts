// `kms-rotation render` on saved audit and forecast JSON: every format the command itself writes comes
// out the same from the saved report, and reports of disjoint keys merge into one.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { call, createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;
// One instant for every run of a test: a saved report and the live command must be asked the same question.
let when: string[];

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
  createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(emu, { alias: "alias/archive", rotation: "730d" });
  createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
  call(emu, "DisableKey", { KeyId: "alias/archive" });
  call(emu, "EnableKey", { KeyId: "alias/archive" });
  when = at(emu);
});
afterEach(async () => {
  await emu.close();
});

const FIRST = "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n";
const SECOND =
  "  - key: alias/archive\n    rotation: { mode: automatic, interval: 730d }\n" +
  "  - key: alias/signer\n    rotation: { mode: manual, interval: 30d }\n";

async function save(command: string, config: string, name: string): Promise<string> {
  const r = await runCli(dir, [command, config, "--format", "json", ...when]);
  writeFileSync(join(dir, name), r.out);
  return name;
}

describe("render of audit and forecast reports", () => {
  it("renders a saved audit in every format exactly as audit itself does", async () => {
    const config = writeConfig(dir, FIRST + SECOND);
    const saved = await save("audit", config, "audit.json");
    for (const format of ["text", "markdown", "csv", "json"]) {
      const direct = await runCli(dir, ["audit", config, "--format", format, ...when]);
      const rendered = await runCli(dir, ["render", saved, "--format", format]);
      expect(rendered.code, rendered.err).toBe(0);
      expect(rendered.out).toBe(direct.out);
    }
    const refused = await runCli(dir, ["render", saved, "--format", "ics"]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /an audit report cannot be rendered as ics; it renders as text, json, markdown, csv/,
    );
  });

  it("renders a saved forecast as text, Markdown and iCalendar exactly as forecast does", async () => {
    const config = writeConfig(dir, FIRST + SECOND);
    const saved = await save("forecast", config, "forecast.json");
    for (const format of ["text", "markdown", "ics", "json"]) {
      const direct = await runCli(dir, ["forecast", config, "--format", format, ...when]);
      const rendered = await runCli(dir, ["render", saved, "--format", format]);
      expect(rendered.code, rendered.err).toBe(0);
      expect(rendered.out).toBe(direct.out);
    }
  });

  it("merges reports of disjoint keys, recounting the summary, and refuses overlapping ones", async () => {
    const a = await save("audit", writeConfig(dir, FIRST, "a.yaml"), "a.json");
    const b = await save("audit", writeConfig(dir, SECOND, "b.yaml"), "b.json");
    const merged = await runCli(dir, ["render", a, b, "--format", "json"]);
    expect(merged.code, merged.err).toBe(0);
    const report = JSON.parse(merged.out);
    expect(report.keys.map((k: { key: string }) => k.key)).toEqual([
      "alias/orders-db",
      "alias/archive",
      "alias/signer",
    ]);
    expect(report.summary).toMatchObject({ keys: 3, compliant: 2, nonCompliant: 1 });
    const overlap = await runCli(dir, ["render", a, a]);
    expect(overlap.code).toBe(1);
    expect(overlap.err).toMatch(/alias\/orders-db \(cn-hangzhou\) is in both a\.json and a\.json/);

    const fa = await save("forecast", writeConfig(dir, FIRST, "a.yaml"), "fa.json");
    const fb = await save("forecast", writeConfig(dir, SECOND, "b.yaml"), "fb.json");
    const forecast = JSON.parse((await runCli(dir, ["render", fa, fb, "--format", "json"])).out);
    const instants = forecast.rotations.map((r: { at: string }) => r.at);
    expect(instants).toEqual([...instants].sort());
    expect(new Set(forecast.rotations.map((r: { key: string }) => r.key))).toEqual(
      // alias/archive rotates every 730d: not within the year.
      new Set(["alias/orders-db", "alias/signer"]),
    );
  });
});
