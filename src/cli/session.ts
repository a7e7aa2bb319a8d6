// The flags every KMS command shares, as the library's options; progress on the terminal while keys
// are read.

import type { RunOptions } from "../library/index.js";
import type { ViewOptions } from "../render/index.js";
import { concurrencyFlag, nowFlag, type ParsedArgs, stringFlag } from "./args.js";
import { type Io, terminalWidth, useColour } from "./io.js";

export function runOptions(args: ParsedArgs, io: Io, extra: Partial<RunOptions> = {}): RunOptions {
  const endpoint = stringFlag(args, "endpoint");
  const now = nowFlag(args);
  return {
    cwd: io.cwd,
    env: io.env,
    concurrency: concurrencyFlag(args),
    signal: io.signal,
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(now !== undefined ? { now } : {}),
    ...extra,
  };
}

/** How people's views look on this output: colour and width decided once, here. */
export function viewOptions(io: Io): ViewOptions {
  const width = terminalWidth(io);
  return { colour: useColour(io), ...(width !== undefined ? { width } : {}) };
}
