// The approval prompt of `apply`: typing anything but yes declines (exit 1); Ctrl-C while it waits is an
// interrupt (exit 130), in-process and for real at a pseudo-terminal. Neither changes anything.

import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { BIN, useBuiltCli } from "../helpers/built.js";
import { at } from "../helpers/cli.js";
import { createKey, emulator, stats, tempDir, writeConfig, writes } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

const PROMPT = "Enter a value: ";

let emu: RunningEmulator;
let config: string;
let dir: string;

useBuiltCli();

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
  createKey(emu, { alias: "alias/orders" });
  config = writeConfig(dir, "  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }");
});
afterEach(async () => {
  await emu.close();
});

/** apply at a terminal whose input stays open until `answer` decides what to do at the prompt. */
async function applyAtPrompt(answer: (stdin: PassThrough, abort: () => void) => void) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const controller = new AbortController();
  const captured = captureIo({ cwd: dir, tty: true, env: { NO_COLOR: "1" }, signal: controller.signal });
  const io = {
    ...captured,
    stdin,
    stderr: {
      ...captured.stderr,
      write: (text: string) => {
        captured.stderr.write(text);
        if (text.endsWith(PROMPT)) setImmediate(() => answer(stdin, () => controller.abort()));
        return true;
      },
    },
  };
  const code = await main(["apply", config, ...at(emu)], io);
  return { code, err: captured.err() };
}

describe("the apply approval prompt", () => {
  it("exits 1 and changes nothing when the answer is no", async () => {
    const r = await applyAtPrompt((stdin) => stdin.write("no\n"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("Apply cancelled; nothing was changed.");
    expect(writes(await stats(emu))).toBe(0);
  });

  it("exits 130 and changes nothing when interrupted while it waits", async () => {
    const r = await applyAtPrompt((_stdin, abort) => abort());
    expect(r.code).toBe(130);
    expect(r.err).toContain("Interrupted; nothing was changed.");
    expect(r.err).not.toContain("Apply cancelled");
    expect(writes(await stats(emu))).toBe(0);
  });

  it("exits 130 when Ctrl-C is typed at a real pseudo-terminal", async () => {
    // script(1) gives the CLI a pty; ^C written to it becomes SIGINT through the terminal's line discipline.
    const command = [process.execPath, BIN, "apply", config, ...at(emu)].map(shellQuote).join(" ");
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: "1", TERM: "dumb" },
    });
    let output = "";
    let sent = false;
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (!sent && output.includes(PROMPT)) {
        sent = true;
        child.stdin.write("\x03");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(sent, output).toBe(true);
    expect(code, output).toBe(130);
    expect(output).toContain("Interrupted; nothing was changed.");
    expect(writes(await stats(emu))).toBe(0);
  }, 60_000);
});

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
