// A key that could not be read, in every view: the plan's `error` action and the drift report's `error`
// status, valid against the shipped schemas, and said in words (never a blank or a stack).

import { describe, expect, it } from "vitest";
import { driftToJson } from "../../src/contract/drift-json.js";
import { planFromJson, planToJson } from "../../src/contract/plan-json.js";
import type { DriftEntry } from "../../src/model/drift.js";
import { DAY } from "../../src/model/duration.js";
import type { KeyPlan } from "../../src/model/index.js";
import {
  applyToJson,
  renderApplyText,
  renderDriftJunit,
  renderDriftMarkdown,
  renderDriftText,
  renderPlanMarkdown,
  renderPlanText,
} from "../../src/render/index.js";
import { applyOf, driftOf, ordersDb, planOf } from "./fixtures.js";
import { schemaErrors, validateDriftSchema, validatePlanSchema } from "./schema.js";

const unreadable: KeyPlan = {
  key: "alias/denied",
  region: "cn-hangzhou",
  action: { kind: "error", error: { code: "Forbidden.NoPermission", message: "denied by your RAM policy" } },
  after: { mode: "automatic", interval: 90 * DAY },
  warnings: [],
};

describe("a key that could not be read", () => {
  it("is an error entry in the plan JSON, counted apart, valid against the schema, and read back", () => {
    const plan = planOf([ordersDb, unreadable]);
    const json = planToJson(plan);
    expect(json.summary).toEqual({ changes: 1, blocked: 0, unchanged: 0, errors: 1 });
    expect(json.keys[1]).toEqual({
      key: "alias/denied",
      region: "cn-hangzhou",
      action: "error",
      after: { mode: "automatic", interval: "90d" },
      error: { code: "Forbidden.NoPermission", message: "denied by your RAM policy" },
    });
    expect(schemaErrors(validatePlanSchema, json)).toEqual([]);
    expect(planFromJson(json)).toEqual(plan);
    // Readable plans keep the contract's three counts.
    expect(planToJson(planOf([ordersDb])).summary).toEqual({ changes: 1, blocked: 0, unchanged: 0 });
  });

  it("the schema refuses an error entry without its error, and an error on any other action", () => {
    const json = planToJson(planOf([unreadable]));
    const { error: _gone, ...bare } = json.keys[0] as (typeof json.keys)[0];
    expect(schemaErrors(validatePlanSchema, { ...json, keys: [bare] })).not.toEqual([]);
    const stray = { ...planToJson(planOf([ordersDb])).keys[0], error: { code: "X", message: "y" } };
    expect(schemaErrors(validatePlanSchema, { ...json, keys: [stray] })).not.toEqual([]);
  });

  it("is said in words in the text and Markdown plans", () => {
    const plan = planOf([ordersDb, unreadable]);
    const text = renderPlanText(plan, { colour: false });
    expect(text).toContain(
      "error: could not read the key: Forbidden.NoPermission: denied by your RAM policy",
    );
    expect(text).toContain("Plan: 1 to change, 0 blocked, 0 unchanged, 1 not read (error).");
    expect(renderPlanMarkdown(plan)).toContain("Forbidden.NoPermission");
  });

  it("is an error status in drift, in JSON (valid), text, Markdown and JUnit", async () => {
    const entry: DriftEntry = {
      key: "alias/denied",
      region: "cn-hangzhou",
      status: "error",
      expected: { mode: "automatic", interval: 90 * DAY },
      reason: { code: "Forbidden.NoPermission", message: "denied by your RAM policy" },
    };
    const report = driftOf([entry]);
    expect(schemaErrors(validateDriftSchema, driftToJson(report))).toEqual([]);
    expect(renderDriftText(report, { colour: false })).toContain(
      "could not be read: Forbidden.NoPermission: denied by your RAM policy",
    );
    expect(renderDriftMarkdown(report)).toContain("Forbidden.NoPermission");
    expect(renderDriftJunit(report)).toContain('type="error"');
  });

  it("an interrupted apply says so, with what was not attempted", () => {
    const result = {
      ...applyOf([
        { key: "alias/a", region: "cn-hangzhou", action: ordersDb.action, outcome: { status: "applied" } },
        {
          key: "alias/b",
          region: "cn-hangzhou",
          action: ordersDb.action,
          outcome: { status: "not-attempted" },
        },
      ]),
      interrupted: true,
    };
    const text = renderApplyText({ ...result, verdict: "failed" }, { colour: false });
    expect(text).toContain("not attempted: set automatic rotation every 90d (the apply was interrupted)");
    expect(text).toContain(
      "Apply interrupted: 1 applied, 0 failed, 0 blocked, 0 unchanged, 1 not attempted.",
    );
    expect(applyToJson({ ...result, verdict: "failed" })).toMatchObject({
      interrupted: true,
      summary: { applied: 1, notAttempted: 1 },
    });
  });
});
