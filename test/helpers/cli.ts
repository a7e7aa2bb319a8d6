// Running the CLI in-process against an emulator, as a user would from a shell.

import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { captureIo } from "./io.js";

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(cwd: string, args: readonly string[], signal?: AbortSignal): Promise<CliRun> {
  const io = captureIo({ cwd, ...(signal ? { signal } : {}) });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

/**
 * `--endpoint` and `--now` that point a command at the emulator and its simulated clock, and a request
 * rate the unthrottled emulator takes, so these tests are not paced to the real service's quota.
 */
export function at(emu: RunningEmulator): string[] {
  return ["--endpoint", emu.url, "--now", emu.service.now().toISOString(), "--qps", "2000"];
}
