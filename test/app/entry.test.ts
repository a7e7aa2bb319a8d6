// The library entry: a deliberate list of names, each documented with an example, and one call plans
// the quickstart as `kms-rotation plan` does.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as entry from "../../src/index.js";
import { quickstartCopy } from "../helpers/built.js";
import { tempDir } from "../helpers/fleet.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** The doc comment right above `export <const|function|class> name`, wherever it is declared. */
function docOf(name: string): string | undefined {
  const declaration = new RegExp(
    `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:const|(?:async )?function|class) ${name}\\b`,
  );
  for (const file of [join(SRC, "index.ts"), ...sources(SRC)]) {
    const match = declaration.exec(readFileSync(file, "utf8"));
    if (match) return match[1];
  }
  return undefined;
}

describe("library entry", () => {
  it("exports a deliberate list of values", () => {
    expect(Object.keys(entry).sort()).toEqual(
      [
        "APPLY_VIEWS",
        "DRIFT_VIEWS",
        "KmsError",
        "PLAN_VIEWS",
        "apply",
        "applyConfig",
        "applyPlan",
        "applyToJson",
        "auditConfig",
        "auditReasonText",
        "createKms",
        "driftConfig",
        "driftFromJson",
        "driftReasonText",
        "driftToJson",
        "forecastConfig",
        "importRegion",
        "formatDuration",
        "formatProblem",
        "isKmsError",
        "loadConfig",
        "observeKeys",
        "parseConfig",
        "parseDuration",
        "plan",
        "planConfig",
        "planFromJson",
        "planToJson",
        "publishKeys",
        "readPlanFile",
        "reasonText",
        "renderReports",
        "savePlan",
        "startEmulator",
        "validateConfig",
        "warningText",
        "writePlanFile",
      ].sort(),
    );
  });

  it("documents every value it exports with an @example", () => {
    const undocumented = Object.keys(entry).filter((name) => !docOf(name)?.includes("@example"));
    expect(undocumented).toEqual([]);
  });

  it("plans the quickstart in one call, as the CLI does", async () => {
    // A copy: the local provider's state lives beside the config.
    const { plan, diagnostics } = await entry.planConfig(quickstartCopy(), { cwd: tempDir() });
    expect(diagnostics).toEqual([]);
    expect(plan?.keys.length).toBeGreaterThan(10);
    expect(plan?.summary.changes).toBeGreaterThan(0);
    expect(plan?.keys.map((k) => k.action.kind)).toContain("update-rotation-policy");
  });

  it("returns an invalid config as diagnostics, not a throw", async () => {
    const { plan, diagnostics } = await entry.planConfig(join(tempDir(), "missing.yaml"));
    expect(plan).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ severity: "error", code: "config" });
  });
});
