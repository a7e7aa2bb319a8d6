// An endpoint that accepts connections and never answers: one line for its region, on stdout and on
// stderr, however many keys it holds (it printed the same timeout line once per key on each), while the
// keys of a region that answers are applied.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";
import { type BlackHole, blackHole } from "../helpers/proxy.js";

let hole: BlackHole;
let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  hole = await blackHole();
  emu = await emulator({ region: "cn-hangzhou" });
  dir = tempDir();
  // Two configs alike (live keys of their own, the same dead region), so each apply has changes to make.
  for (const [name, live] of [
    ["kms.yaml", "live"],
    ["tty.yaml", "tty"],
  ] as const) {
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) {
      createKey(emu, { alias: `alias/${live}-${i}` });
      keys.push(
        `  - key: alias/${live}-${i}`,
        "    region: cn-hangzhou",
        "    rotation: { mode: automatic, interval: 90d }",
      );
    }
    for (let i = 0; i < 12; i++)
      keys.push(
        `  - key: alias/dead-${i}`,
        "    region: cn-shanghai",
        "    rotation: { mode: automatic, interval: 90d }",
      );
    writeFileSync(
      join(dir, name),
      [
        "version: 1",
        "provider:",
        "  alibaba:",
        `    endpoints: { cn-hangzhou: "${emu.url}", cn-shanghai: "${hole.url}" }`,
        "keys:",
        ...keys,
        "",
      ].join("\n"),
    );
  }
});
afterAll(async () => {
  await hole.close();
  await emu.close();
});

async function run(args: string[], tty = false) {
  const io = captureIo({ cwd: dir, env: { COLUMNS: "80", NO_COLOR: "1" }, tty, columns: 80 });
  const code = await main([...args, "--timeout", "2s", "--qps", "2000"], io);
  return { code, out: io.out(), err: io.err() };
}

describe("an endpoint that never answers", () => {
  it("apply: one row and one error line for its region; the other region is applied", async () => {
    const r = await run(["apply", "kms.yaml", "--auto-approve"]);
    expect(r.code).toBe(1);
    // One row in the plan (why), one in the results (what became of them): never one per key.
    const dead = r.out.split("\n").filter((l) => l.startsWith("  ") && /cn-shanghai|dead-/.test(l));
    expect(dead, r.out).toHaveLength(2);
    expect(dead[0]).toMatch(/^ {2}\? 12 keys +cn-shanghai +error: none could be read: Timeout: /);
    expect(dead[1]).toMatch(/^ {2}x 12 keys +cn-shanghai +failed: none could be read: Timeout: /);
    expect(r.out).toContain("alias/live-2");
    const errors = r.err.split("\n").filter((l) => l.startsWith("error:"));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: cannot read KMS in cn-shanghai: Timeout: KMS did not answer/);
    expect(r.err).toContain("(12 keys in cn-shanghai not read)");
    expect([...r.out.split("\n"), ...r.err.split("\n")].every((l) => l.length <= 80)).toBe(true);
  });

  it("apply at a terminal: the plan's line, live rows for the keys read, one row for the dead region", async () => {
    const r = await run(["apply", "tty.yaml", "--auto-approve"], true);
    expect(r.code).toBe(1);
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("Plan: 3 to change, 0 blocked, 0 unchanged, 12 not read (error).");
    const dead = lines.filter((l) => l.startsWith("  ") && /cn-shanghai|dead-/.test(l));
    expect(dead, r.out).toHaveLength(1);
    expect(dead[0]).toMatch(/^ {2}x 12 keys +cn-shanghai +failed: none could be read: Timeout: /);
    expect(lines.filter((l) => /^ {2}~ alias\/tty-\d +cn-hangzhou +applied: /.test(l))).toHaveLength(3);
    expect(r.out.match(/Apply complete/g)).toHaveLength(1);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // Again, nothing left to change: the plan's line, then why the dead region's keys were not read.
    const again = await run(["apply", "tty.yaml", "--auto-approve"], true);
    expect(again.out).toMatch(
      /^Plan: 0 to change, 0 blocked, 3 unchanged, 12 not read \(error\)\.\n\n {2}x 12 keys +cn-shanghai +failed: none could be read: Timeout: [\s\S]*\nApply complete: 0 applied, 12 failed, 0 blocked, 3 unchanged\.\n$/,
    );
  });

  it("drift: one row and one error line for its region", async () => {
    const r = await run(["drift", "kms.yaml"]);
    expect(r.code).toBe(1);
    expect(r.out.match(/cn-shanghai/g)).toHaveLength(2); // the header's region list, and its one row
    expect(r.out).toMatch(/ {2}error +12 keys +cn-shanghai +none could be read: Timeout: /);
    expect(r.err.split("\n").filter((l) => l.startsWith("error:"))).toHaveLength(1);
  });

  it("JSON keeps every key, each with its own error", async () => {
    const r = await run(["drift", "kms.yaml", "--format", "json"]);
    const keys = (JSON.parse(r.out) as { keys: { key: string; status: string }[] }).keys;
    expect(keys.filter((k) => k.status === "error")).toHaveLength(12);
  });
});
