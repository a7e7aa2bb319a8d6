// `validate --format sarif` and `audit --format sarif`: logs valid against the SARIF 2.1.0 schema, one
// result per problem or breaking key, at its line and column in the config, relative to the repository.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";
import { sarifProblems } from "../helpers/sarif-schema.js";

const lab = useLab();

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations?: {
    physicalLocation?: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number };
    };
    logicalLocations?: { name: string }[];
  }[];
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string }[] } };
    results: SarifResult[];
  }[];
}

function parsed(out: string): { log: SarifLog; results: SarifResult[]; ruleIds: string[] } {
  const log = JSON.parse(out) as SarifLog;
  expect(sarifProblems(log)).toEqual([]);
  const run = log.runs[0];
  if (!run) throw new Error("no run");
  return { log, results: run.results, ruleIds: run.tool.driver.rules.map((r) => r.id) };
}

/** A result's place as `uri:line:column`. */
function place(result: SarifResult): string {
  const physical = result.locations?.[0]?.physicalLocation;
  if (!physical) return "(none)";
  return `${physical.artifactLocation.uri}:${physical.region.startLine}:${physical.region.startColumn}`;
}

describe("validate --format sarif", () => {
  it("a broken file: one result per problem with its code, line and column; valid SARIF; exit 1", async () => {
    mkdirSync(join(lab.dir, "config"), { recursive: true });
    const file = join(lab.dir, "config", "kms.yaml");
    writeFileSync(
      file,
      [
        "version: 1",
        "provider: { alibaba: { region: cn-hangzhou } }",
        "keys:",
        "  - key: alias/orders-db",
        "    rotation: { mode: automatic, interval: 3d }",
        "  - key: alias/orders-db",
        "    rotation: { mode: automatic, interval: 30d }",
        "  - key: alias/billing",
        "    rotation: { mode: sometimes }",
        "    regoin: cn-shanghai",
        "policy: { requireRotation: true }",
        "",
      ].join("\n"),
    );
    const r = await runCli(lab.dir, ["validate", "config/kms.yaml", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const { log, results, ruleIds } = parsed(r.out);
    const driver = log.runs[0]?.tool.driver;
    expect(driver?.name).toBe("kms-rotation");
    expect(driver?.version).toMatch(/^\d+\.\d+\.\d+/);
    // Every result names a rule the log explains, and every rule links to a README section.
    for (const result of results) {
      expect(ruleIds).toContain(result.ruleId);
      expect(ruleIds[result.ruleIndex ?? -1]).toBe(result.ruleId);
    }
    for (const rule of driver?.rules ?? []) expect(rule.helpUri).toMatch(/^https:\/\/[^#]+#[a-z-]+$/);
    expect(results.map((x) => [x.ruleId, x.level, place(x)])).toEqual([
      ["InvalidInterval", "error", "config/kms.yaml:5:44"],
      ["DuplicateKey", "error", "config/kms.yaml:6:10"],
      ["NotAllowed", "error", "config/kms.yaml:9:23"],
      ["UnknownField", "error", "config/kms.yaml:10:5"],
    ]);
    expect(results[3]?.message.text).toContain('unknown field "regoin"');
    // People still read the problems on stderr, as file:line:column.
    expect(r.err).toContain("config/kms.yaml:10:5:");
  });

  it("a file that is not YAML, and one that is missing: results with their codes", async () => {
    writeFileSync(join(lab.dir, "bad.yaml"), "version: 1\nkeys: [\n");
    const bad = await runCli(lab.dir, ["validate", "bad.yaml", "--format", "sarif"]);
    expect(bad.code).toBe(1);
    expect(parsed(bad.out).results.map((x) => x.ruleId)).toContain("InvalidYaml");
    const missing = await runCli(lab.dir, ["validate", "nope.yaml", "--format", "sarif"]);
    expect(missing.code).toBe(1);
    expect(parsed(missing.out).results.map((x) => [x.ruleId, place(x)])).toEqual([
      ["UnreadableFile", "nope.yaml:1:1"],
    ]);
  });

  it("policy breaches are results at the key's rotation, named by the breach", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/legacy\n    rotation: { mode: off }\n" +
        "  - key: alias/slow\n    rotation: { mode: automatic, interval: 700d }\n" +
        "policy: { maxInterval: 365d, requireRotation: true }\n",
      "policy.yaml",
    );
    const r = await runCli(lab.dir, ["validate", file, "--format", "sarif"]);
    expect(r.code).toBe(1);
    const { results } = parsed(r.out);
    // An absolute path under the working directory becomes relative: no local path leaves the machine.
    expect(results.map((x) => [x.ruleId, place(x)])).toEqual([
      ["RotationOff", "policy.yaml:7:23"],
      ["IntervalOverMax", "policy.yaml:9:44"],
    ]);
    expect(r.out).not.toContain(lab.dir);
  });

  it("a config outside the working directory: an absolute file: URI with no uriBaseId, valid SARIF", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/legacy\n    rotation: { mode: off }\npolicy: { requireRotation: true }\n",
      "outside kms.yaml",
    );
    const cwd = join(lab.dir, "tools");
    mkdirSync(cwd);
    const r = await runCli(cwd, ["validate", "../outside kms.yaml", "--format", "sarif"]);
    expect(r.code).toBe(1);
    const { results } = parsed(r.out);
    const artifact = results[0]?.locations?.[0]?.physicalLocation?.artifactLocation;
    // Not `../outside%20kms.yaml` against %SRCROOT%: a base goes only with a relative reference, and one
    // that climbs out of it names no file of the repository.
    expect(artifact).toEqual({ uri: pathToFileURL(file).href });
    expect(artifact?.uri).toMatch(/^file:\/\/\/.*\/outside%20kms\.yaml$/);
    expect(results.map((x) => [x.ruleId, place(x)])).toEqual([
      ["RotationOff", `${pathToFileURL(file).href}:7:23`],
    ]);
  });

  it("a valid file: a log with no errors (hints as warnings), stdout nothing but the log, exit 0", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: orders-db\n    rotation: { mode: automatic, interval: 90d }\n",
      "valid.yaml",
    );
    const r = await runCli(lab.dir, ["validate", "valid.yaml", "--format", "sarif"]);
    expect(r.code).toBe(0);
    const { results } = parsed(r.out);
    expect(results.map((x) => [x.ruleId, x.level, place(x)])).toEqual([
      ["ConfigWarning", "warning", "valid.yaml:6:10"],
    ]);
    expect(r.err).toContain("ok: 1 key in 1 region");
    expect(file).toContain(lab.dir);
  });
});

describe("audit --format sarif", () => {
  it("one result per key that breaks the policy, at its declaration; valid SARIF; exit 2", async () => {
    createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
    createKey(lab.emu, { alias: "alias/hand-off" });
    createKey(lab.emu, { alias: "alias/missing-soon" });
    advanceDays(lab.emu, 10);
    const file = writeConfig(
      lab.dir,
      `${[
        "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
        "  - key: alias/hand-off\n    rotation: { mode: automatic, interval: 90d }",
        "  - key: alias/not-there\n    rotation: { mode: automatic, interval: 90d }",
      ].join("\n")}\n`,
      "audit.yaml",
    );
    const r = await runCli(lab.dir, ["audit", "audit.yaml", "--format", "sarif", ...at(lab.emu)]);
    expect(r.code).toBe(2);
    const { results, ruleIds } = parsed(r.out);
    expect(results.map((x) => [x.ruleId, x.level, place(x)])).toEqual([
      ["BreaksRequireRotation", "error", "audit.yaml:8:10"],
      ["KeyMissing", "error", "audit.yaml:10:10"],
    ]);
    expect(results[0]?.locations?.[0]?.logicalLocations?.[0]?.name).toBe("alias/hand-off");
    for (const result of results) expect(ruleIds).toContain(result.ruleId);
    expect(file).toContain(lab.dir);
  });
});
