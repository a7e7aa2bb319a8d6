// apply at an 80-column terminal when things go wrong: Ctrl-C mid-run leaves the rows of what was done,
// the keys not attempted as one count and one summary (not 253 lines and the summary twice, the first
// cut mid-word); keys a dead endpoint kept from being read are one row, not one per key.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKey, emulator, stats, tempDir, writeConfig } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

let emu: RunningEmulator;
let dir: string;
let config: string;

beforeEach(async () => {
  emu = await emulator({ region: "cn-hangzhou", latencyMs: 40 });
  dir = tempDir();
  const keys: string[] = [];
  for (let i = 0; i < 30; i++) {
    createKey(emu, { alias: `alias/payments-ledger-archive-${i}` });
    keys.push(
      `  - key: alias/payments-ledger-archive-${i}\n    rotation: { mode: automatic, interval: 90d }`,
    );
  }
  config = writeConfig(dir, keys.join("\n"));
});
afterEach(async () => {
  await emu.close();
});

describe("apply interrupted at a terminal", () => {
  it("shows what was done, the rest as one count, and one summary wrapped at 80 columns", async () => {
    const controller = new AbortController();
    const io = captureIo({
      cwd: dir,
      tty: true,
      columns: 80,
      env: { NO_COLOR: "1" },
      signal: controller.signal,
    });
    const now = emu.service.now().toISOString();
    const applying = main(
      [
        "apply",
        config,
        "--auto-approve",
        "--concurrency",
        "1",
        "--endpoint",
        emu.url,
        "--now",
        now,
        "--qps",
        "2000",
      ],
      io,
    );
    while (((await stats(emu)).UpdateRotationPolicy ?? 0) < 3) await new Promise((r) => setTimeout(r, 20));
    controller.abort(new Error("interrupted"));
    expect(await applying).toBe(130);
    const lines = io.out().split("\n");
    expect(lines[0]).toBe("Plan: 30 to change, 0 blocked, 0 unchanged.");
    const applied = lines.filter((l) => /^ {2}~ alias\/\S+ +applied: /.test(l));
    expect(applied.length).toBeGreaterThanOrEqual(3);
    const left = 30 - applied.length;
    const notAttempted = lines.filter((l) => l.includes("not attempted"));
    expect(notAttempted[0]).toBe(
      `  - ${left} keys  not attempted (the apply was interrupted); a new plan shows what is left`.slice(
        0,
        80,
      ),
    );
    // The summary, once, wrapped at a space.
    const summary = io.out().slice(io.out().lastIndexOf("Apply interrupted:"));
    expect(summary.replace(/\n {2}/g, " ")).toBe(
      `Apply interrupted: ${applied.length} applied, 0 failed, 0 blocked, 0 unchanged, ${left} not attempted.\n`,
    );
    expect(io.out().match(/Apply interrupted/g)).toHaveLength(1);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // Besides the status line's frames (each cleared before the next), the next step alone.
    const said = io
      .err()
      .split(`\r${String.fromCharCode(27)}[2K`)
      .filter((chunk) => chunk.includes("\n"));
    expect(said.join("")).toBe("Run apply again to finish.\n");
  });
});
