// `kms-rotation validate`: ok with a count, or every problem as file:line:column (or a GitHub
// annotation), exit 0 or 1, never a stack trace.

import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { Io } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = "test/fixtures/config";
/** Broken YAML lives outside the tree: `biome check .` would refuse it as a fixture. */
const badSyntax = join(mkdtempSync(join(tmpdir(), "kms-validate-")), "bad-syntax.yaml");
writeFileSync(
  badSyntax,
  "version: 1\nkeys:\n  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d\n",
);

async function validate(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
    env: {},
    cwd: root,
    signal: new AbortController().signal,
  };
  const code = await main(["validate", ...args], io);
  return { code, stdout, stderr };
}

describe("kms-rotation validate", () => {
  it("a valid file: ok with its keys and regions counted, singular forms right", async () => {
    expect(await validate(`${fixtures}/one-key.yaml`)).toEqual({
      code: 0,
      stdout: "ok: 1 key in 1 region\n",
      stderr: "",
    });
    expect((await validate(`${fixtures}/two-regions.yaml`)).stdout).toBe("ok: 3 keys in 2 regions\n");
  });

  it("the quickstart example is valid", async () => {
    expect(await validate("examples/quickstart.yaml")).toEqual({
      code: 0,
      stdout: "ok: 15 keys in 1 region\n",
      stderr: "",
    });
  });

  it("a broken file: every problem as file:line:column: message on stderr, exit 1", async () => {
    const file = `${fixtures}/broken.yaml`;
    expect(await validate(file)).toEqual({
      code: 1,
      stdout: "",
      stderr: [
        `${file}:6:17: keys[0].rotation.interval: 800d is out of range for automatic rotation (7d to 730d)`,
        `${file}:7:10: keys[1].key: alias/orders-db is declared twice in cn-hangzhou (first at line 3)`,
        `${file}:9:7: keys[1].rotation: interval is required for manual rotation (at least 7d)`,
        `${file}:10:7: keys[1].rotation: unknown field "intervall" (did you mean "interval"?)`,
        "",
      ].join("\n"),
    });
  });

  it("--format github: annotations on stdout, exit 1", async () => {
    const file = `${fixtures}/broken.yaml`;
    const { code, stdout, stderr } = await validate(file, "--format", "github");
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout.split("\n")).toEqual([
      `::error file=${file},line=6,col=17::keys[0].rotation.interval: 800d is out of range for automatic rotation (7d to 730d)`,
      `::error file=${file},line=7,col=10::keys[1].key: alias/orders-db is declared twice in cn-hangzhou (first at line 3)`,
      `::error file=${file},line=9,col=7::keys[1].rotation: interval is required for manual rotation (at least 7d)`,
      `::error file=${file},line=10,col=7::keys[1].rotation: unknown field "intervall" (did you mean "interval"?)`,
      "",
    ]);
  });

  it("--format github on a valid file still prints ok", async () => {
    expect(await validate(`${fixtures}/one-key.yaml`, "--format", "github")).toMatchObject({
      code: 0,
      stdout: "ok: 1 key in 1 region\n",
    });
  });

  it("a YAML syntax error is a problem with its position", async () => {
    const { code, stderr } = await validate(badSyntax);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${badSyntax}:5:1: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }\n`,
    );
  });

  it("a missing file names the file, exit 1", async () => {
    expect(await validate("nope.yaml")).toEqual({
      code: 1,
      stdout: "",
      stderr: "error: cannot read nope.yaml: no such file\n",
    });
  });

  it("usage errors: no file, two files, an unknown format", async () => {
    const none = await validate();
    expect(none.code).toBe(1);
    // One line each, naming where help is (the whole help no longer follows the error).
    expect(none.stderr).toBe(
      "error: missing the config file to validate; see `kms-rotation validate --help`\n",
    );
    const two = await validate("a.yaml", "b.yaml");
    expect(two.stderr).toBe(
      'error: unexpected argument "b.yaml": validate takes one file; see `kms-rotation validate --help`\n',
    );
    const format = await validate(`${fixtures}/one-key.yaml`, "--format", "json");
    expect(format.code).toBe(1);
    expect(format.stderr).toBe(
      "error: --format json is not one this command writes; it writes text, github, sarif; see `kms-rotation validate --help`\n",
    );
    const typo = await validate(`${fixtures}/one-key.yaml`, "--format", "sarfi");
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('--format must be one of text, github, sarif (got "sarfi")');
    expect(typo.stderr).toContain("sarif?");
  });
});

describe("the compiled CLI (npm run build first)", () => {
  const run = promisify(execFile);
  const cli = (...args: string[]) =>
    run(process.execPath, ["bin/kms-rotation.js", ...args], { cwd: root }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({
        code: error.code,
        stdout: error.stdout,
        stderr: error.stderr,
      }),
    );

  it("exits 0 on a valid file and 1 on a broken one, with no stack trace", async () => {
    expect(await cli("validate", "examples/quickstart.yaml")).toEqual({
      code: 0,
      stdout: "ok: 15 keys in 1 region\n",
      stderr: "",
    });
    for (const file of [`${fixtures}/broken.yaml`, badSyntax, "missing.yaml"]) {
      const { code, stderr } = await cli("validate", file);
      expect(code, file).toBe(1);
      expect(stderr, file).not.toMatch(/\n\s+at /);
      expect(stderr, file).not.toMatch(/Error:/);
    }
  });
});
