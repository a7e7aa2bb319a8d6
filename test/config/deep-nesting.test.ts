// A file nested deeper than any parser's stack is the file's problem: said in our words, once, at
// file:line:column, exit 1; never the JavaScript engine's "Maximum call stack size exceeded".

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

const DEPTH = 100_000;
const flow = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
/** A block sequence, one level per line. */
const block = (n: number) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i + 1)}-`).join("\n");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-deep-"));
  writeFileSync(join(dir, "deep.yaml"), `version: 1\nx: ${flow(DEPTH)}\n`);
  writeFileSync(join(dir, "deep-block.yaml"), `version: 1\nkeys:\n${block(3_000)} 1\n`);
  writeFileSync(join(dir, "fleet.yaml"), `version: 1\nkeys: ${flow(DEPTH)}\n`);
  writeFileSync(join(dir, "local.yaml"), "version: 1\nprovider:\n  local: { seed: fleet.yaml }\nkeys: []\n");
  writeFileSync(join(dir, "plan.json"), `{"formatVersion":1,"now":${flow(DEPTH)}}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ONE_DEEP_LINE = (file: string) =>
  new RegExp(`^${file.replace(".", "\\.")}:\\d+:\\d+: invalid YAML: nested too deeply\\n$`);

describe("nesting deeper than the parser's stack", () => {
  test("validate: one line at file:line:column, exit 1", async () => {
    for (const file of ["deep.yaml", "deep-block.yaml"]) {
      const run = await runCli(dir, ["validate", file]);
      expect(run.code).toBe(1);
      expect(run.out + run.err).toMatch(ONE_DEEP_LINE(file));
      expect(run.out + run.err).not.toMatch(/call stack/i);
    }
  });

  test("plan on such a config says the same and reaches no KMS", async () => {
    const run = await runCli(dir, ["plan", "deep.yaml"]);
    expect(run.code).toBe(1);
    expect(run.out + run.err).toMatch(ONE_DEEP_LINE("deep.yaml"));
  });

  test("a seed fleet nested too deeply: one problem at file:line:column", async () => {
    const run = await runCli(dir, ["plan", "local.yaml"]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^error: cannot start KMS for local\.yaml: invalid seed fleet\n {2}\S*fleet\.yaml:\d+:\d+: nested too deeply\n$/,
    );
    const emulator = await runCli(dir, ["emulator", "--port", "0", "--seed", "fleet.yaml"]);
    expect(emulator.code).toBe(1);
    expect(emulator.err).toMatch(/fleet\.yaml:\d+:\d+: nested too deeply\n$/);
    expect(emulator.err).not.toMatch(/call stack/i);
  });

  test("a deeply nested plan file or report: refused in the tool's words, exit 1", async () => {
    for (const args of [
      ["render", "plan.json"],
      ["apply", "plan.json", "--auto-approve"],
    ]) {
      const run = await runCli(dir, args);
      expect(run.code).toBe(1);
      expect(run.out).toBe("");
      expect(run.err).toMatch(/^error: plan\.json/);
      expect(run.err).not.toMatch(/call stack|\n\s+at /i);
    }
  });
});
