// `kms-rotation render`: saved JSON output shown again in another format, shards merged, mistakes refused.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;
let config: string;
// One instant for every run: the emulator's clock moves with real time, and `now` is in every view.
let when: string[];

const render = (...args: string[]) => runCli(dir, ["render", ...args]);
const kms = (...args: string[]) => runCli(dir, [...args, ...when]);

beforeAll(async () => {
  emu = await emulator();
  dir = tempDir();
  createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(emu, { alias: "alias/audit-logs", rotation: "180d" });
  createKey(emu, { alias: "alias/backups" });
  createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
  advanceDays(emu, 200);
  when = at(emu);
  config = writeConfig(
    dir,
    [
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/audit-logs\n    rotation: { mode: automatic, interval: 365d }",
      "  - key: alias/backups\n    rotation: { mode: off }",
      "  - key: alias/signer\n    rotation: { mode: manual, interval: 180d }",
      "  - key: alias/missing\n    rotation: { mode: off }",
    ].join("\n"),
  );
  writeFileSync(join(dir, "drift.json"), (await kms("drift", config, "--format", "json")).out);
  writeFileSync(join(dir, "plan.json"), (await kms("plan", config, "--format", "json")).out);
  await kms("plan", config, "--out", join(dir, "saved.json"));
});
afterAll(async () => {
  await emu.close();
});

/** The report split in two, as two shards would have written it. */
function shards(file: string, first: (key: { key: string }) => boolean): [string, string] {
  const report = JSON.parse(readText(file));
  const names: [string, string] = [join(dir, `a-${file}`), join(dir, `b-${file}`)];
  const a = { ...report, keys: report.keys.filter(first) };
  const b = { ...report, keys: report.keys.filter((k: { key: string }) => !first(k)) };
  for (const [name, part] of [
    [names[0], a],
    [names[1], b],
  ] as const)
    writeFileSync(name, `${JSON.stringify(part, null, 2)}\n`);
  return names;
}

function readText(file: string): string {
  return readFileSync(join(dir, file), "utf8");
}

describe("render", () => {
  it("shows a saved drift report exactly as drift shows it, in every format drift has", async () => {
    for (const format of ["text", "markdown", "junit", "json"]) {
      const direct = await kms("drift", config, "--format", format);
      const rendered = await render("drift.json", "--format", format);
      expect(rendered.code, rendered.err).toBe(0);
      expect(rendered.out).toBe(direct.out);
    }
  });

  it("shows a plan (plain or saved with --out) as plan shows it", async () => {
    const direct = await kms("plan", config);
    expect((await render("plan.json")).out).toBe(direct.out);
    expect((await render("saved.json")).out).toBe(direct.out);
    const markdown = await kms("plan", config, "--format", "markdown");
    expect((await render("saved.json", "--format", "markdown")).out).toBe(markdown.out);
  });

  it("merges shards into the report one run would have written: every key once, summary recomputed", async () => {
    const [a, b] = shards("drift.json", (k) => k.key.startsWith("alias/a") || k.key.startsWith("alias/o"));
    const merged = await render(a, b, "--format", "json");
    expect(merged.code, merged.err).toBe(0);
    const whole = JSON.parse(readText("drift.json"));
    const json = JSON.parse(merged.out);
    expect(json.inSync).toBe(false);
    expect(new Set(json.keys.map((k: { key: string }) => k.key))).toEqual(
      new Set(whole.keys.map((k: { key: string }) => k.key)),
    );
    const [pa, pb] = shards("plan.json", (k) => k.key === "alias/signer");
    const plan = JSON.parse((await render(pa, pb, "--format", "json")).out);
    expect(plan.summary).toEqual(JSON.parse(readText("plan.json")).summary);
  });

  it("refuses, in one line and exit 1: a key in two shards, mixed kinds, a format the kind lacks", async () => {
    const twice = await render("drift.json", "drift.json");
    expect(twice).toMatchObject({ code: 1, out: "" });
    expect(twice.err).toMatch(
      /^error: cannot merge: alias\/orders-db \(cn-hangzhou\) is in both drift\.json and drift\.json; shards must not overlap\n$/,
    );
    const mixed = await render("drift.json", "plan.json");
    expect(mixed.err).toBe(
      "error: cannot merge reports of different kinds: drift.json is a drift report, plan.json is a plan\n",
    );
    const junit = await render("plan.json", "--format", "junit");
    expect(junit).toEqual({
      code: 1,
      out: "",
      err: "error: a plan cannot be rendered as junit; it renders as text, json, markdown\n",
    });
    const ics = await render("drift.json", "--format", "ics");
    expect(ics.err).toBe(
      "error: a drift report cannot be rendered as ics; it renders as text, json, markdown, junit, openmetrics\n",
    );
  });

  it("names each file it cannot use: unreadable, not JSON, unknown, invalid", async () => {
    writeFileSync(join(dir, "notjson.json"), "drift: yes\n");
    writeFileSync(join(dir, "other.json"), '{"hello": 1}\n');
    writeFileSync(
      join(dir, "bad.json"),
      '{"formatVersion": 1, "now": "yesterday", "inSync": true, "keys": []}\n',
    );
    const r = await render("nope.json", "notjson.json", "other.json", "bad.json");
    expect(r.code).toBe(1);
    const lines = r.err.split("\n");
    expect(lines[0]).toBe("error: cannot read nope.json: no such file");
    expect(lines[1]).toMatch(/^error: notjson\.json: not JSON: /);
    expect(lines[2]).toBe(
      "error: other.json: not a report render knows (plan, drift, audit, forecast, publish: the JSON output of those commands)",
    );
    expect(lines[3]).toBe("error: bad.json is not valid as a drift report:");
    expect(lines[4]).toMatch(/^ {2}\/now: must be an ISO-8601 date-time/);
  });

  it("needs a file and a known format", async () => {
    expect((await render()).err).toBe(
      "error: missing the report to render (a JSON file); see `kms-rotation render --help`\n",
    );
    expect((await render("drift.json", "--format", "yaml")).code).toBe(1);
  });
});
