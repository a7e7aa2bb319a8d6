// The shared first half of plan, apply and drift: read the config, connect, read every key, plan.

import { KeyReadError, observeKeys } from "../apply/observe.js";
import { loadConfig } from "../config/index.js";
import type { Config, Observation, Plan } from "../model/index.js";
import { formatProblem } from "../model/index.js";
import { plan } from "../plan/index.js";
import type { ParsedArgs } from "./args.js";
import { concurrencyFlag, nowFlag, stringFlag } from "./args.js";
import { type Connection, connect } from "./connect.js";
import type { Io } from "./io.js";
import { progress } from "./progress.js";

export interface Session {
  readonly config: Config;
  readonly connection: Connection;
  readonly observations: readonly Observation[];
  readonly plan: Plan;
  readonly concurrency: number;
}

/** A session, or the exit code when the config is invalid or KMS cannot be read (the problem printed). */
export async function openSession(
  file: string,
  args: ParsedArgs,
  io: Io,
  options: { moveLocalClock: boolean },
): Promise<Session | number> {
  const now = nowFlag(args);
  const concurrency = concurrencyFlag(args);
  const { config, problems } = await loadConfig(file, { cwd: io.cwd });
  if (!config) {
    for (const problem of problems) io.stderr.write(`${formatProblem(problem)}\n`);
    return 1;
  }
  const regions = [...new Set(config.keys.map((k) => k.region))];
  const connection = await connectOrReport(config, regions, args, io, { now, concurrency, ...options });
  if (typeof connection === "number") return connection;
  try {
    const bar = progress(io, "Reading keys");
    const observations = await observeKeys(config.keys, connection.kmsFor, {
      concurrency,
      signal: io.signal,
      onKey: (done, total) => bar.update(done, total),
    }).finally(() => bar.done());
    return {
      config,
      connection,
      observations,
      plan: plan(config.keys, observations, connection.now),
      concurrency,
    };
  } catch (error) {
    await connection.close();
    return reportKmsFailure(error, io);
  }
}

async function connectOrReport(
  config: Config,
  regions: string[],
  args: ParsedArgs,
  io: Io,
  options: { now: Date | undefined; concurrency: number; moveLocalClock: boolean },
): Promise<Connection | number> {
  try {
    return await connect(config.provider, regions, {
      endpoint: stringFlag(args, "endpoint"),
      concurrency: options.concurrency,
      signal: io.signal,
      env: io.env,
      now: options.now,
      moveLocalClock: options.moveLocalClock,
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr.write(`error: cannot start KMS for ${config.file}: ${error.message}\n`);
    return 1;
  }
}

/** KMS errors are the user's world, not our bug: one clear line, exit 1. */
export function reportKmsFailure(error: unknown, io: Io): number {
  if (error instanceof KeyReadError) {
    io.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  if (error instanceof Error && (error.name === "KmsError" || error.name === "AbortError")) {
    io.stderr.write(`error: ${error.message}\n`);
    return 1;
  }
  throw error;
}
