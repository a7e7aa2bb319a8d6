// Hostile or careless input costs little and prints little: files over 16 MiB are refused unread, a huge
// valid fleet validates in bounded memory, quoted text never reaches the terminal raw, problems are capped.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROOT, useBuiltCli } from "../helpers/built.js";
import { runCli } from "../helpers/cli.js";

const MAIN = join(ROOT, "dist", "cli", "main.js");
let dir: string;

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-bounded-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `validate` in a process of its own (the built CLI), with that whole process's peak memory. */
async function validateMeasured(
  file: string,
): Promise<{ code: number; out: string; err: string; peakMb: number }> {
  const report = join(dir, `report-${Math.random().toString(36).slice(2)}.json`);
  const script = `
    import { writeFileSync } from "node:fs";
    import { main } from ${JSON.stringify(MAIN)};
    const code = await main(["validate", ${JSON.stringify(file)}]);
    writeFileSync(${JSON.stringify(report)}, JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS }));
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "pipe" });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => {
    out += c;
  });
  child.stderr.on("data", (c) => {
    err += c;
  });
  await new Promise((resolve) => child.on("close", resolve));
  const { code, maxRSS } = JSON.parse(readFileSync(report, "utf8")) as { code: number; maxRSS: number };
  return { code, out, err, peakMb: maxRSS / 1024 };
}

/** Whether a terminal would act on any character, other than the line break ending each line. */
function hasControl(text: string): boolean {
  return [...text].some((c) => {
    const n = c.codePointAt(0) ?? 0;
    return (
      (n < 0x20 && n !== 0x0a) ||
      (n >= 0x7f && n <= 0x9f) ||
      (n >= 0x2028 && n <= 0x202e) ||
      (n >= 0x2066 && n <= 0x2069)
    );
  });
}

describe("bounded input", () => {
  test("a 50 MB config is refused in one line, unread, in under 100 MB", async () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, "a"));
    const run = await validateMeasured(file);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `error: cannot read ${file}: it is 50.0 MiB, over the 16 MiB a config file may be\n`,
    );
    expect(run.peakMb).toBeLessThan(100);
  });

  test.skipIf(!existsSync("/dev/zero"))("an endless special file is refused unread", async () => {
    const run = await runCli(dir, ["validate", "/dev/zero"]);
    expect(run.code).toBe(1);
    expect(run.err).toBe("error: cannot read /dev/zero: it is not a regular file\n");
  });

  test.skipIf(!existsSync("/dev/zero"))(
    "apply and render refuse an endless special file unread",
    async () => {
      const apply = await runCli(dir, ["apply", "/dev/zero"]);
      expect(apply.code).toBe(1);
      expect(apply.err).toContain("cannot read /dev/zero: it is not a regular file");
      const render = await runCli(dir, ["render", "/dev/zero", "--format", "text"]);
      expect(render.code).toBe(1);
      expect(render.err).toBe("error: cannot read /dev/zero: it is not a regular file\n");
    },
    60_000,
  );

  test("a valid 100,000-key config validates in under 300 MB", async () => {
    const file = join(dir, "fleet.yaml");
    const keys = Array.from(
      { length: 100_000 },
      (_, i) => `  - key: alias/service-${i}\n    rotation:\n      mode: automatic\n      interval: 90d\n`,
    );
    writeFileSync(
      file,
      `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${keys.join("")}`,
    );
    const run = await validateMeasured(file);
    expect(run.out).toBe("ok: 100000 keys in 1 region\n");
    expect(run.peakMb).toBeLessThan(300);
  }, 120_000);
});

describe("what reaches the terminal", () => {
  test("hostile names and values are escaped, never raw", async () => {
    writeFileSync(
      join(dir, "hostile.yaml"),
      [
        "version: 1",
        "keys:",
        '  - key: "alias/a\\e]0;pwned\\a\\e[2J"',
        "    rotation: { mode: off }",
        "  - key: alias/b",
        '    "\\e]0;pwned\\a\\e[2J\\u009b\\u202e": 1',
        "    rotation: { mode: off }",
        "",
      ].join("\n"),
    );
    const run = await runCli(dir, ["validate", "hostile.yaml"]);
    expect(run.code).toBe(1);
    expect(hasControl(run.err)).toBe(false);
    expect(run.err).toContain('unknown field "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b\\u202e"');
    expect(run.err).toContain('"alias/a\\u001b]0;pwned\\u0007\\u001b[2J"');
    const github = await runCli(dir, ["validate", "hostile.yaml", "--format", "github"]);
    expect(hasControl(github.out)).toBe(false);
  });

  test("1 MB of binary garbage: no control characters, at most 101 lines, none of them huge", async () => {
    let seed = 42;
    const bytes = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      bytes[i] = seed >> 23;
    }
    writeFileSync(join(dir, "garbage.yaml"), bytes);
    const run = await runCli(dir, ["validate", "garbage.yaml"]);
    expect(run.code).toBe(1);
    expect(hasControl(run.err)).toBe(false);
    const lines = run.err.split("\n").slice(0, -1);
    expect(lines.length).toBeLessThanOrEqual(101);
    for (const line of lines) expect(line.length).toBeLessThan(1_200);
  });

  test("at most 100 problems are printed, then a count of the rest", async () => {
    const fields = Array.from({ length: 150 }, (_, i) => `    extra${i}: 1`);
    writeFileSync(
      join(dir, "many.yaml"),
      `version: 1\nkeys:\n  - key: alias/a\n    rotation: { mode: off }\n${fields.join("\n")}\n`,
    );
    const run = await runCli(dir, ["validate", "many.yaml"]);
    const lines = run.err.split("\n").slice(0, -1);
    expect(lines).toHaveLength(101);
    expect(lines[99]).toMatch(/^many\.yaml:\d+:5: keys\[0\]: unknown field "extra99"/);
    expect(lines[100]).toBe("... and 50 more problems (150 in all)");
  });
});
