// The flags every KMS command shares, as the library's options; progress on the terminal while keys
// are read.

import type { RunOptions } from "../app/index.js";
import type { Diagnostic, ShardInfo } from "../model/index.js";
import type { ViewOptions } from "../render/index.js";
import {
  concurrencyFlag,
  nowFlag,
  type ParsedArgs,
  qpsFlag,
  shardFlag,
  stringFlag,
  timeoutFlag,
} from "./args.js";
import { type Io, terminalWidth, useColour } from "./io.js";
import { exit, type Outcome } from "./outcome.js";
import { TOOL } from "./tool.js";

export function runOptions(args: ParsedArgs, io: Io, extra: Partial<RunOptions> = {}): RunOptions {
  const endpoint = stringFlag(args, "endpoint");
  const now = nowFlag(args);
  const qps = qpsFlag(args);
  const timeoutMs = timeoutFlag(args);
  const shard = shardFlag(args);
  return {
    cwd: io.cwd,
    env: io.env,
    concurrency: concurrencyFlag(args),
    signal: io.signal,
    ...(io.warn ? { onWarning: io.warn } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(now !== undefined ? { now } : {}),
    ...(qps !== undefined ? { qps } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(shard !== undefined ? { shard } : {}),
    ...extra,
  };
}

/** How people's views look on this output: colour and width decided once, here. */
export function viewOptions(io: Io, configFile?: string): ViewOptions {
  const width = terminalWidth(io);
  const sarif = { tool: TOOL, root: io.cwd, ...(configFile === undefined ? {} : { configFile }) };
  return { colour: useColour(io), ...(width !== undefined ? { width } : {}), sarif };
}

/** `shard 5/5 has nothing to do: ...` for a shard that holds no (account, region) unit, else undefined. */
export function idleShardMessage(shard: ShardInfo | undefined, config: string): string | undefined {
  if (!shard || shard.units.length > 0) return undefined;
  return `shard ${shard.index}/${shard.count} has nothing to do: no (account, region) unit of ${config} falls to it`;
}

/**
 * Says a shard has nothing to do: in place of the report for people, or beside it (on stderr, as a note)
 * when the report is for machines, which then still get an empty report to merge. True when said in place.
 */
export function sayIdleShard(message: string | undefined, forMachines: boolean, io: Io): Diagnostic[] | true {
  if (message === undefined) return [];
  if (forMachines) return [{ severity: "note", code: "shard", message }];
  io.stdout.write(`${message}\n`);
  return true;
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
