// The conventions a newcomer brings from Terraform, git and npm, through the built CLI: the last of a
// repeated option wins (a wrapper's default yields to its caller), -v / version, --no-color, Terraform's
// `-out` answered with the right spelling, saved files confirmed with the command to run next, every
// error line starting `error:` and naming the file in words.

import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { BIN, ROOT, runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";

useBuiltCli();

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);
const version: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
/** No colour settings of the machine running the tests leak in. */
const ENV = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };

let dir: string;
beforeEach(() => {
  dir = tempDir();
  for (const f of ["quickstart.yaml", "quickstart-fleet.yaml"])
    copyFileSync(join(ROOT, "examples", f), join(dir, f));
});

describe("version", () => {
  it.each([["-v"], ["--version"], ["version"], ["-V"]])("%s prints the version alone", async (flag) => {
    expect(await runBuilt(dir, [flag], ENV)).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });
});

describe("a single-value option given twice", () => {
  it("takes the last one, so a wrapper's default yields to what its caller says", async () => {
    // A wrapper as teams write them: a default first, then whatever the caller passes.
    const wrapper = join(dir, "kms");
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec "${process.execPath}" "${BIN}" plan quickstart.yaml --format json "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const own = spawnSync(wrapper, [], { cwd: dir, env: ENV, encoding: "utf8" });
    expect(own.status).toBe(0);
    expect(JSON.parse(own.stdout).formatVersion).toBe(1);
    const overridden = spawnSync(wrapper, ["--format", "markdown"], { cwd: dir, env: ENV, encoding: "utf8" });
    expect(overridden.status).toBe(0);
    expect(overridden.stdout).toMatch(/^### kms-rotation plan\n/);
    expect(overridden.stderr).toBe("");
  });

  it("keeps every value of a repeatable option", async () => {
    const r = await runBuilt(dir, ["import", "--region", "cn-hangzhou", "--region", "not_a_region"], ENV);
    expect(r.stderr).toContain('--region "not_a_region" is not a region id');
  });
});

describe("--no-color", () => {
  it("turns colour off on every stream, over FORCE_COLOR, wherever it stands", async () => {
    const forced = { ...ENV, FORCE_COLOR: "1" };
    expect((await runBuilt(dir, ["plan", "quickstart.yaml"], forced)).stdout).toMatch(ANSI);
    const before = await runBuilt(dir, ["--no-color", "plan", "quickstart.yaml"], forced);
    const after = await runBuilt(dir, ["plan", "quickstart.yaml", "--no-color"], forced);
    expect(before.code).toBe(0);
    expect(before.stdout).not.toMatch(ANSI);
    expect(after.stdout).toBe(before.stdout.replace(/as of \S+/, after.stdout.match(/as of \S+/)?.[0] ?? ""));
    const usage = await runBuilt(dir, ["plan", "--formt", "json", "--no-color"], forced);
    expect(usage.stderr).toBe(
      "error: unknown option --formt for plan; did you mean --format?; see `kms-rotation plan --help`\n",
    );
  });

  it("is listed in the help of every command, and NO_COLOR is honoured as well", async () => {
    expect((await runBuilt(dir, ["drift", "--help"], ENV)).stdout).toContain("--no-color");
    expect((await runBuilt(dir, ["--help"], ENV)).stdout).toContain("--no-color");
    const r = await runBuilt(dir, ["plan", "quickstart.yaml"], { ...ENV, FORCE_COLOR: "1", NO_COLOR: "1" });
    // FORCE_COLOR is the stronger variable (as in Node and chalk); the flag is stronger than both.
    expect(r.stdout).toMatch(ANSI);
    const flagged = await runBuilt(dir, ["plan", "quickstart.yaml", "--no-color"], { ...ENV, NO_COLOR: "1" });
    expect(flagged.stdout).not.toMatch(ANSI);
  });

  it("after -- it is an argument, not the flag", async () => {
    const r = await runBuilt(dir, ["validate", "--", "--no-color"], ENV);
    expect(r.stderr).toBe("error: cannot read --no-color: no such file\n");
  });
});

describe("Terraform's single-dash long options", () => {
  it.each([
    [["plan", "quickstart.yaml", "-out", "plan.json"], "-out for plan; did you mean --out?"],
    [["plan", "quickstart.yaml", "-out=plan.json"], "-out for plan; did you mean --out?"],
    [["apply", "plan.json", "-auto-approve"], "-auto-approve for apply; did you mean --auto-approve?"],
    [["drift", "quickstart.yaml", "-format", "json"], "-format for drift; did you mean --format?"],
    [["plan", "quickstart.yaml", "-auto-approve"], "-auto-approve for plan"],
  ])("%j is refused naming the option as typed and its -- spelling", async (args, what) => {
    const r = await runBuilt(dir, args, ENV);
    const command = args[0];
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: `error: unknown option ${what}; see \`kms-rotation ${command} --help\`\n`,
    });
    expect(existsSync(join(dir, "plan.json"))).toBe(false);
    expect(existsSync(join(dir, ".kms-rotation"))).toBe(false);
  });
});

describe("plan --out", () => {
  it("confirms the save on stderr and says how to apply exactly it; stdout stays the report", async () => {
    const r = await runBuilt(dir, ["plan", "quickstart.yaml", "--out", "plan.json", "--format", "json"], ENV);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ changes: 9, blocked: 0, unchanged: 6 });
    expect(r.stderr).toBe(
      "Saved the plan to: plan.json\n\n" +
        "To perform exactly these actions, run the following command to apply:\n" +
        "    kms-rotation apply plan.json\n",
    );
    const text = await runBuilt(dir, ["plan", "quickstart.yaml", "--out", "my plan.json"], ENV);
    expect(text.stdout).toContain("Plan: 9 to change");
    expect(text.stderr).toContain("    kms-rotation apply 'my plan.json'\n");
    // The command it prints does what it says.
    const applied = await runBuilt(dir, ["apply", "my plan.json", "--auto-approve"], ENV);
    expect(applied.code).toBe(0);
    const again = await runBuilt(dir, ["plan", "quickstart.yaml", "--out", "empty.json"], ENV);
    expect(again.stderr).toBe("Saved the plan to: empty.json; it has no changes to apply.\n");
  });
});

describe("import --out", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await emulator({ region: "cn-hangzhou" });
    createKey(emu, { alias: "alias/orders", rotation: "90d" });
    createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
  });
  afterEach(async () => {
    await emu.close();
  });

  it("confirms the file and says how to check it against KMS", async () => {
    const r = await runCli(dir, ["import", "--region", "cn-hangzhou", "--out", "kms.yaml", ...at(emu)]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "Wrote a config declaring 2 keys to: kms.yaml\n\n" +
        "To check that it matches KMS (the plan should show no changes), run:\n" +
        `    kms-rotation plan kms.yaml --endpoint ${emu.url}\n`,
    );
    expect(readFileSync(join(dir, "kms.yaml"), "utf8")).toContain("alias/orders");
  });
});

describe("error lines", () => {
  it.each([
    [["validate", "nope.yaml"], "error: cannot read nope.yaml: no such file"],
    [["plan", "nope.yaml"], "error: cannot read nope.yaml: no such file"],
    [["render", "nonexist.json"], "error: cannot read nonexist.json: no such file"],
    [["apply", "nope.json"], "error: cannot read nope.json: no such file"],
    [["validate", "."], "error: cannot read .: it is a directory"],
  ])("%j: %s", async (args, line) => {
    expect(await runBuilt(dir, args, ENV)).toEqual({ code: 1, stdout: "", stderr: `${line}\n` });
  });
});

describe("a misspelled default", () => {
  it("is warned about at the line that spells it, not at the key's", async () => {
    writeFileSync(
      join(dir, "kms.yaml"),
      [
        "version: 1",
        "provider:",
        "  alibaba: {}",
        "defaults:",
        "  region: cn-hangzou",
        "keys:",
        "  - key: alias/orders",
        "    rotation: { mode: automatic, interval: 90d }",
        "  - key: alias/ledger",
        "    region: cn-shanghi",
        "    rotation: { mode: automatic, interval: 90d }",
        "",
      ].join("\n"),
    );
    const r = await runBuilt(dir, ["validate", "kms.yaml"], ENV);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "kms.yaml:5:11: warning: region cn-hangzou is not one KMS is known to offer; did you mean cn-hangzhou?\n" +
        "kms.yaml:9:10: warning: region cn-shanghi is not one KMS is known to offer; did you mean cn-shanghai?\n",
    );
  });
});

describe("manual keys", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await emulator({ region: "cn-hangzhou" });
    createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
    advanceDays(emu, 200);
  });
  afterEach(async () => {
    await emu.close();
  });

  it("read as manual in drift JUnit and Markdown and in audit Markdown, never as a bare off", async () => {
    const config = writeConfig(dir, "  - key: alias/signer\n    rotation: { mode: manual, interval: 90d }\n");
    const junit = await runCli(dir, ["drift", config, "--format", "junit", ...at(emu)]);
    expect(junit.code).toBe(2);
    expect(junit.out).toContain("expected: manual every 90d\nactual: manual (automatic rotation off)\n");
    const markdown = await runCli(dir, ["drift", config, "--format", "markdown", ...at(emu)]);
    expect(markdown.out).toContain("| manual every 90d | manual (automatic rotation off) |");
    const audit = await runCli(dir, ["audit", config, "--format", "markdown", ...at(emu)]);
    expect(audit.out).toContain("| Enabled | manual (automatic rotation off) |");
    for (const out of [junit.out, markdown.out, audit.out]) expect(out).not.toMatch(/actual: off|\| off \|/);
  });
});
