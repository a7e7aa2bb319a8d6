// A saved audit report rendered as SARIF is the SARIF audit writes itself: the same rules at the same
// declarations (contract section 13), because the JSON carries each reason's code and the key's position.

import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT, runBuilt, useBuiltCli } from "../helpers/built.js";
import { tempDir } from "../helpers/fleet.js";

useBuiltCli();

test("render <audit.json> --format sarif == audit --format sarif", async () => {
  const dir = tempDir();
  for (const file of ["quickstart.yaml", "quickstart-fleet.yaml"])
    copyFileSync(join(ROOT, "examples", file), join(dir, file));
  const config = join(dir, "quickstart.yaml");
  const strict = readFileSync(config, "utf8").replace("requireRotation: false", "requireRotation: true");
  expect(strict).toContain("requireRotation: true");
  writeFileSync(config, strict);
  const json = await runBuilt(dir, ["audit", "quickstart.yaml", "--format", "json"]);
  expect(json.code).toBe(2);
  writeFileSync(join(dir, "audit.json"), json.stdout);
  const direct = await runBuilt(dir, ["audit", "quickstart.yaml", "--format", "sarif"]);
  expect(direct.code).toBe(2);
  const rendered = await runBuilt(dir, ["render", "audit.json", "--format", "sarif"]);
  expect(rendered.stderr).toBe("");
  const sarif = JSON.parse(rendered.stdout);
  expect(sarif.runs[0].results.length).toBeGreaterThan(0);
  expect(sarif.runs[0].results[0].ruleId).not.toBe("NonCompliant");
  expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  expect(rendered.stdout).toBe(direct.stdout);
}, 60_000);
