// FIFOs where the tool expects a file, and a run of the built CLI that must end on its own: a reader that
// blocks on a FIFO would hang the test, so the child is sent SIGTERM after a grace period (SIGKILL 10 s
// later) and the test sees how it ended.

import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { BIN } from "./built.js";

/** A FIFO (with no writer) named `name` in `dir`; its path. */
export function makeFifo(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

export interface EndingRun {
  readonly code: number | null;
  /** Set when the CLI had to be signalled: it did not end on its own within the grace period. */
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** The built CLI in `cwd`, sent SIGTERM if still running after `graceMs`, SIGKILL 10 s later: it must end. */
export function runEnding(
  cwd: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; graceMs?: number } = {},
): Promise<EndingRun> {
  const graceMs = options.graceMs ?? 3_000;
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: "pipe", env: options.env });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const term = setTimeout(() => child.kill("SIGTERM"), graceMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), graceMs + 10_000);
  return new Promise((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, signal, stderr });
    }),
  );
}
