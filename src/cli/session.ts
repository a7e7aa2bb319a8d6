// The flags every KMS command shares, as the library's options; progress on the terminal while keys
// are read.

import type { RunOptions } from "../library/index.js";
import type { ViewOptions } from "../render/index.js";
import { concurrencyFlag, nowFlag, type ParsedArgs, qpsFlag, stringFlag, timeoutFlag } from "./args.js";
import { type Io, terminalWidth, useColour } from "./io.js";
import { exit, type Outcome } from "./outcome.js";

export function runOptions(args: ParsedArgs, io: Io, extra: Partial<RunOptions> = {}): RunOptions {
  const endpoint = stringFlag(args, "endpoint");
  const now = nowFlag(args);
  const qps = qpsFlag(args);
  const timeoutMs = timeoutFlag(args);
  return {
    cwd: io.cwd,
    env: io.env,
    concurrency: concurrencyFlag(args),
    signal: io.signal,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(qps !== undefined ? { qps } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...extra,
  };
}

/** How people's views look on this output: colour and width decided once, here. */
export function viewOptions(io: Io): ViewOptions {
  const width = terminalWidth(io);
  return { colour: useColour(io), ...(width !== undefined ? { width } : {}) };
}

/** Exit code for SIGINT/SIGTERM (128 + SIGINT). */
export const INTERRUPTED_EXIT = 130;

/** A command stopped by SIGINT/SIGTERM before it changed anything: exit 130 and say so. */
export function interruptedOutcome(io: Io): Outcome | undefined {
  if (!io.signal.aborted) return undefined;
  return exit(INTERRUPTED_EXIT, [
    { severity: "note", code: "interrupted", message: "Interrupted; nothing was changed." },
  ]);
}
