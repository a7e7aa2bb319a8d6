// action.yml run as GitHub runs a composite action: its inputs (defaults filled in) substituted into
// `${{ }}` expressions and set as INPUT_* variables, each `run` step executed by bash -eo pipefail in its
// working directory, GITHUB_OUTPUT read after each step, the action's outputs evaluated last.

import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BIN, ROOT, useBuiltCli } from "./helpers/built.js";
import { sarifProblems } from "./helpers/sarif-schema.js";

useBuiltCli();

interface Step {
  name?: string;
  id?: string;
  shell: string;
  run: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

interface Action {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

interface Ran {
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** The step that failed (exit status), if one did. */
  readonly failed?: { readonly step: string; readonly status: number | null };
  readonly log: string;
}

const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as Action;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `name=value` and `name<<DELIM` ... `DELIM` lines, as the runner reads GITHUB_OUTPUT. */
function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      outputs[heredoc[1] as string] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return outputs;
}

function runAction(workspace: string, given: Record<string, string>): Ran {
  expect(action.runs.using).toBe("composite");
  for (const name of Object.keys(given)) expect(Object.keys(action.inputs)).toContain(name);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    const value = given[name] ?? spec.default ?? "";
    if (spec.required) expect(value, `input ${name} is required`).not.toBe("");
    inputs[name] = value;
  }
  const temp = mkdtempSync(join(tmpdir(), "kms-action-runner-"));
  dirs.push(temp);
  const summaryFile = join(temp, "step-summary.md");
  writeFileSync(summaryFile, "");
  const steps: Record<string, Record<string, string>> = {};
  const expression = (text: string) =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (expr === "github.action_path") return ROOT;
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input) return inputs[input[1] as string] ?? "";
      const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (output) return steps[output[1] as string]?.[output[2] as string] ?? "";
      throw new Error(`the test runner does not know the expression ${expr}`);
    });
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => [
      `INPUT_${name.replaceAll(" ", "_").toUpperCase()}`,
      value,
    ]),
  );
  let log = "";
  for (const [index, step] of action.runs.steps.entries()) {
    expect(step.shell).toBe("bash");
    const outputFile = join(temp, `output-${index}`);
    writeFileSync(outputFile, "");
    const script = join(temp, `step-${index}.sh`);
    writeFileSync(script, expression(step.run));
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? temp,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_RUN_ID: "4242",
      RUNNER_TEMP: temp,
      ...inputEnv,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expression(String(v))])),
    };
    const cwd = step["working-directory"] ? expression(step["working-directory"]) : workspace;
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd,
      env,
      encoding: "utf8",
    });
    log += `${r.stdout}${r.stderr}`;
    if (step.id) steps[step.id] = readOutputs(readFileSync(outputFile, "utf8"));
    if (r.status !== 0) {
      return {
        outputs: actionOutputs(expression),
        summary: readFileSync(summaryFile, "utf8"),
        failed: { step: step.name ?? String(index), status: r.status },
        log,
      };
    }
  }
  return { outputs: actionOutputs(expression), summary: readFileSync(summaryFile, "utf8"), log };
}

function actionOutputs(expression: (text: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, expression(o.value)]));
}

/** A workspace holding the quickstart (config and seed fleet), as a checkout of a user's repository. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), "kms-action-ws-"));
  dirs.push(dir);
  mkdirSync(join(dir, "kms"));
  for (const file of ["quickstart.yaml", "quickstart-fleet.yaml"])
    copyFileSync(join(ROOT, "examples", file), join(dir, "kms", file));
  return dir;
}

describe("action.yml, run as GitHub runs it", () => {
  it("validate: exit-code 0, the report file, the result in the job summary", () => {
    const ran = runAction(workspace(), { command: "validate", config: "kms/quickstart.yaml" });
    expect(ran.failed, ran.log).toBeUndefined();
    expect(ran.log).toContain("kms-rotation is installed in");
    expect(ran.outputs["exit-code"]).toBe("0");
    const report = ran.outputs.report as string;
    expect(report.endsWith("report.text")).toBe(true);
    expect(readFileSync(report, "utf8")).toBe("ok: 15 keys in 1 region\n");
    expect(ran.summary).toContain("### kms-rotation validate");
    expect(ran.summary).toContain("ok: 15 keys in 1 region");
  });

  it("drift as openmetrics: exit-code 2 without failing the step; Markdown in the summary", () => {
    const ran = runAction(workspace(), {
      command: "drift",
      config: "kms/quickstart.yaml",
      format: "openmetrics",
      "fail-on-findings": "false",
    });
    expect(ran.failed, ran.log).toBeUndefined();
    expect(ran.outputs["exit-code"]).toBe("2");
    const metrics = readFileSync(ran.outputs.report as string, "utf8");
    expect(metrics).toMatch(/^# TYPE kms_rotation_drift_key_status gauge\n/);
    expect(metrics.endsWith("# EOF\n")).toBe(true);
    expect(ran.summary).toMatch(/^#+ .*KMS key rotation has drifted/m);
    expect(ran.summary).toContain("alias/orders-db");
  });

  it("audit as sarif with extra args: a valid SARIF report; exit 2 fails the step by default", () => {
    const dir = workspace();
    // The quickstart meets its own policy; one that requires rotation is broken by its keys that are off.
    const config = join(dir, "kms", "quickstart.yaml");
    const strict = readFileSync(config, "utf8").replace("requireRotation: false", "requireRotation: true");
    expect(strict).toContain("requireRotation: true");
    writeFileSync(config, strict);
    const ran = runAction(dir, {
      command: "audit",
      config: "kms/quickstart.yaml",
      format: "sarif",
      args: "--include-unmanaged",
    });
    expect(ran.outputs["exit-code"]).toBe("2");
    expect(ran.failed?.status).toBe(2);
    expect(ran.failed?.step).toMatch(/^kms-rotation /);
    const sarif = JSON.parse(readFileSync(ran.outputs.report as string, "utf8"));
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "kms/quickstart.yaml",
    );
    expect(ran.summary).toMatch(/audit/i);
  });

  it("a broken config: exit-code 1, the step fails, the problem in the summary", () => {
    const dir = workspace();
    writeFileSync(
      join(dir, "kms", "broken.yaml"),
      "version: 1\nkeys:\n  - key: alias/x\n    rotation: {mode: sometimes}\n",
    );
    const ran = runAction(dir, { command: "validate", config: "kms/broken.yaml" });
    expect(ran.failed?.status).toBe(1);
    expect(ran.outputs["exit-code"]).toBe("1");
    expect(ran.summary).toContain("kms/broken.yaml:4:");
    expect(existsSync(ran.outputs.report as string)).toBe(true);
  });

  it("publish: the JWK Set (its own default format) is the report", () => {
    const dir = workspace();
    for (const file of ["signing.yaml", "signing-fleet.yaml"])
      copyFileSync(join(ROOT, "examples", file), join(dir, "kms", file));
    const applied = runAction(dir, { command: "apply", config: "kms/signing.yaml", args: "--auto-approve" });
    expect(applied.failed, applied.log).toBeUndefined();
    const ran = runAction(dir, { command: "publish", config: "kms/signing.yaml" });
    expect(ran.failed, ran.log).toBeUndefined();
    expect(ran.outputs["exit-code"]).toBe("0");
    const report = ran.outputs.report as string;
    expect(report.endsWith("report.jwks")).toBe(true);
    const jwks = JSON.parse(readFileSync(report, "utf8"));
    expect(jwks.keys.length).toBeGreaterThan(0);
    expect(ran.summary).toContain("### kms-rotation publish");
    const pem = runAction(dir, { command: "publish", config: "kms/signing.yaml", format: "pem" });
    expect(pem.failed, pem.log).toBeUndefined();
    expect(readFileSync(pem.outputs.report as string, "utf8")).toContain("-----BEGIN PUBLIC KEY-----");
  });

  it("import: the regions from args, the config written where `config` names", async () => {
    const dir = workspace();
    const emulator = spawn(
      process.execPath,
      [BIN, "emulator", "--port", "0", "--seed", join(dir, "kms", "quickstart-fleet.yaml")],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        emulator.stdout.on("data", (c) => {
          out += c;
          const found = /listening on (http:\S+)/.exec(out);
          if (found) resolve(found[1] as string);
        });
        emulator.on("exit", () => reject(new Error(`the emulator ended: ${out}`)));
      });
      const ran = runAction(dir, {
        command: "import",
        config: "kms/imported.yaml",
        args: `--region cn-hangzhou --endpoint ${url}`,
      });
      expect(ran.failed, ran.log).toBeUndefined();
      expect(ran.outputs["exit-code"]).toBe("0");
      expect(ran.outputs.report).toBe(join(dir, "kms", "imported.yaml"));
      const imported = readFileSync(join(dir, "kms", "imported.yaml"), "utf8");
      expect(imported).toContain("alias/orders-db");
      expect(ran.summary).toContain("### kms-rotation import");
    } finally {
      emulator.kill("SIGTERM");
    }
  }, 60_000);
});
