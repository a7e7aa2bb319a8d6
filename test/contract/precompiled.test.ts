// The validators `npm run build` precompiles (dist/contract/validators/) answer exactly as ajv compiling
// the schema at run time: the same errors with the same data and schema attached, so the same messages
// at the same positions. Tests from source take the run-time path and users run dist; this holds the two
// together. It reads dist/, which `npm test` builds first (after editing src, rebuild before running it).

import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { auditConfig, driftConfig, forecastConfig, planConfig } from "../../src/app/index.js";
import * as srcConfig from "../../src/config/index.js";
import { auditToJson } from "../../src/contract/audit-json.js";
import * as srcDocuments from "../../src/contract/documents.js";
import { driftToJson } from "../../src/contract/drift-json.js";
import { forecastToJson } from "../../src/contract/forecast-json.js";
import { planToJson } from "../../src/contract/plan-json.js";
import * as src from "../../src/contract/schemas.js";
import { quickstartCopy } from "../helpers/built.js";
import { tempDir } from "../helpers/fleet.js";
import { mutated } from "./mutate.js";

// Loaded by URL so that type-checking, which runs before the build, does not need dist/.
const dist = async <T>(path: string) =>
  (await import(new URL(`../../dist/${path}`, import.meta.url).href)) as T;
const distSchema = await dist<typeof src>("contract/schemas.js");
const distConfig = await dist<typeof srcConfig>("config/index.js");
const distDocuments = await dist<typeof srcDocuments>("contract/documents.js");

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const CONFIGS = [
  "examples/quickstart.yaml",
  ...readdirSync(new URL("../fixtures/config/", import.meta.url)).map((f) => `test/fixtures/config/${f}`),
];
const FLEETS = ["examples/quickstart-fleet.yaml", "examples/fleets/demo.yaml"];

/** Both validators' errors for `value`, copied out (ajv reuses `errors` between calls). */
function bothErrors(name: src.SchemaName, value: unknown) {
  const errorsOf = (validate: src.ValidateFunction) => (validate(value) ? [] : [...(validate.errors ?? [])]);
  return {
    runtime: errorsOf(src.schemaValidator(name)),
    precompiled: errorsOf(distSchema.schemaValidator(name)),
  };
}

/** Whether the config schema accepts it, once both readings are found to agree. */
function sameConfigAnswer(text: string): "valid" | "invalid" {
  const fromSource = srcConfig.parseConfig(text, "kms.yaml", { cwd: "/work" });
  expect(distConfig.parseConfig(text, "kms.yaml", { cwd: "/work" }), "dist/ stale? npm run build").toEqual(
    fromSource,
  );
  const { runtime, precompiled } = bothErrors("config", parse(text));
  expect(precompiled).toEqual(runtime);
  return runtime.length === 0 ? "valid" : "invalid";
}

describe("precompiled validators", () => {
  it("the build wrote one for every shipped schema, and dist uses it instead of compiling", () => {
    expect(readdirSync(new URL("../../schemas/", import.meta.url)).sort()).toEqual(
      src.SCHEMA_NAMES.map((n) => `${n}.schema.json`).sort(),
    );
    for (const name of src.SCHEMA_NAMES) {
      const precompiled = distSchema.precompiledValidator(name);
      expect(precompiled, name).toBeTypeOf("function");
      expect(distSchema.schemaValidator(name)).toBe(precompiled);
    }
    // From source there is nothing precompiled: tests there exercise the run-time compile.
    expect(src.precompiledValidator("config")).toBeUndefined();
  });

  it("give the same config problems, messages and positions for the shipped and broken files", () => {
    const broken = [
      "version: 2\nkeys: {}\nzzz: 1\n",
      "version: 1\nprovider: {}\nkeys:\n  - key: ''\n    region: Hangzhou\n    rotation: {mode: auto}\n",
      "version: 1\nprovider: {alibaba: {endpoints: {Hangzhou: 'ftp://u:secret@h'}}, local: {}}\nkeys: []\n",
      "version: 1\ndefaults: {account: '12'}\nkeys:\n  - key: orders-db\n    rotation: {mode: off, interval: 9d}\n",
      "- just\n- a list\n",
    ];
    for (const text of [...CONFIGS.map(read), ...broken]) sameConfigAnswer(text);
  });

  it("give the same config problems for any edit of a valid config", () => {
    const valid = CONFIGS.map(read).filter((text) => srcConfig.parseConfig(text, "kms.yaml").config);
    expect(valid.length).toBeGreaterThanOrEqual(4);
    // Edits the schema accepts and edits it refuses: both validators must agree on each.
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.constantFrom(...valid.map((text) => parse(text))).chain(mutated), (value) => {
        seen[sameConfigAnswer(stringify(value))]++;
      }),
      { numRuns: 200 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  describe("for saved reports and seed fleets", () => {
    const samples = new Map<src.SchemaName, unknown[]>();

    beforeAll(async () => {
      const cwd = tempDir();
      // A copy: the local provider's state lives beside the config.
      const quickstart = quickstartCopy();
      const { plan } = await planConfig(quickstart, { cwd });
      const { report: drift } = await driftConfig(quickstart, { cwd });
      const { report: audit } = await auditConfig(quickstart, { cwd });
      const { forecast } = await forecastConfig(quickstart, { cwd });
      if (!plan || !drift || !audit || !forecast) throw new Error("the quickstart gave no report");
      samples.set("plan", [planToJson(plan)]);
      samples.set("drift", [driftToJson(drift)]);
      samples.set("audit", [auditToJson(audit)]);
      samples.set("forecast", [forecastToJson(forecast)]);
      samples.set(
        "fleet",
        FLEETS.map((f) => parse(read(f))),
      );
    }, 60_000);

    /** contract's `<json path>: <message>` lines, from source and from dist. */
    const messages = (module: typeof srcDocuments) => ({
      plan: module.validatePlanJson,
      drift: module.validateDriftJson,
      audit: module.validateAuditJson,
      forecast: module.validateForecastJson,
    });
    const [srcMessages, distMessages] = [messages(srcDocuments), messages(distDocuments)];

    it.each(["plan", "drift", "audit", "forecast", "fleet"] as const)(
      "%s: the same errors for any edit",
      (name) => {
        const valid = samples.get(name) ?? [];
        for (const sample of valid) expect(bothErrors(name, sample).precompiled).toEqual([]);
        const seen = { valid: 0, invalid: 0 };
        fc.assert(
          fc.property(fc.constantFrom(...valid).chain(mutated), (value) => {
            const { runtime, precompiled } = bothErrors(name, value);
            expect(precompiled).toEqual(runtime);
            seen[runtime.length === 0 ? "valid" : "invalid"]++;
            if (name === "fleet") return;
            expect(distMessages[name](value)).toEqual(srcMessages[name](value));
          }),
          { numRuns: 60 },
        );
        // Most edits break the document; the ones that do not show the validators agree on success too.
        expect(seen.invalid, "invalid").toBeGreaterThan(0);
      },
    );
  });
});
