// The examples that wire reports into other tools: the code-scanning workflow uses the action as
// action.yml declares it, with every action pinned by commit; the alert rules pass promtool and name
// only metrics that drift and audit write.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { AuditReport, DriftReport } from "../../src/model/index.js";
import { renderAuditOpenMetrics, renderDriftOpenMetrics } from "../../src/render/index.js";
import { ROOT } from "../helpers/built.js";
import { hasPromtool } from "../helpers/promtool.js";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

interface WorkflowStep {
  uses?: string;
  with?: Record<string, unknown>;
}

describe("examples for reports", () => {
  it("code scanning: the action's inputs as action.yml names them, every action pinned by a commit SHA", () => {
    const action = parse(read("action.yml")) as { inputs: Record<string, unknown> };
    const workflow = parse(read("examples/ci/code-scanning.yaml")) as {
      jobs: Record<string, { steps: WorkflowStep[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(3);
    for (const ref of uses) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    const ours = steps.filter((s) => s.uses?.includes("/kms-rotation@"));
    expect(ours.map((s) => s.with?.format)).toEqual(["sarif", "sarif"]);
    for (const step of ours) {
      for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
    }
    expect(steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toHaveLength(2);
  });

  it("the alert rules name only metrics drift and audit write", () => {
    const rules = read("examples/monitoring/alert-rules.yaml");
    const named = new Set(rules.match(/kms_rotation_[a-z_]+/g));
    expect(named.size).toBeGreaterThan(3);
    const drift: DriftReport = {
      formatVersion: 1,
      now: "2026-11-23T00:00:00Z",
      inSync: false,
      keys: [
        {
          key: "alias/a",
          region: "cn-hangzhou",
          keyId: "k",
          status: "due",
          expected: { mode: "manual", interval: 86_400 },
          lastRotationDate: "2026-01-01T00:00:00Z",
        },
      ],
    };
    const audit: AuditReport = {
      formatVersion: 1,
      now: "2026-11-23T00:00:00Z",
      policy: { requireRotation: true, maxInterval: 86_400, source: "config" },
      summary: { keys: 0, compliant: 0, nonCompliant: 0, exempt: 0, notApplicable: 0 },
      keys: [],
    };
    const written = `${renderDriftOpenMetrics(drift)}${renderAuditOpenMetrics(audit)}`;
    for (const name of named) expect(written).toMatch(new RegExp(`^# TYPE ${name} `, "m"));
    const cronjob = read("examples/monitoring/drift-metrics-cronjob.yaml");
    expect(cronjob).toContain("--format openmetrics");
  });

  it.runIf(hasPromtool)("promtool check rules accepts the alert rules", () => {
    const r = spawnSync("promtool", ["check", "rules", join(ROOT, "examples/monitoring/alert-rules.yaml")], {
      encoding: "utf8",
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    expect(r.stdout).toContain("SUCCESS: 4 rules found");
  });
});
