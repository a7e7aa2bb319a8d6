// `apply plan.json`: load a saved plan, reconnect to where it was made, and refuse it whole when any
// key has changed since it was planned.

import { movedKeys } from "../apply/stale.js";
import type { Plan, ProviderConfig } from "../model/index.js";
import { readPlanFile } from "../plan-file/index.js";
import type { ParsedArgs } from "./args.js";
import { concurrencyFlag, nowFlag, stringFlag } from "./args.js";
import { type Connection, connect } from "./connect.js";
import type { Io } from "./io.js";
import { reportKmsFailure } from "./session.js";

export interface OpenedPlan {
  readonly plan: Plan;
  readonly connection: Connection;
  readonly concurrency: number;
}

export async function openSavedPlan(file: string, args: ParsedArgs, io: Io): Promise<OpenedPlan | number> {
  const concurrency = concurrencyFlag(args);
  const loaded = await loadSavedPlan(file, io);
  if (typeof loaded === "number") return loaded;
  const { plan, saved } = loaded;
  const provider = saved.provider as ProviderConfig & { endpoint?: string };
  const connection = await connect(provider, [...new Set(plan.keys.map((k) => k.region))], {
    endpoint: stringFlag(args, "endpoint") ?? provider.endpoint,
    concurrency,
    signal: io.signal,
    env: io.env,
    now: nowFlag(args),
    moveLocalClock: true,
  });
  try {
    const moved = await movedKeys(plan.keys, saved.observed, connection.kmsFor, {
      concurrency,
      signal: io.signal,
    });
    if (moved.length === 0) return { plan, connection, concurrency };
    io.stderr.write(
      `error: the saved plan ${file} is stale; nothing was changed. Keys changed since it was planned:\n`,
    );
    for (const m of moved) io.stderr.write(`  ${m.key} (${m.region}): ${m.changes.join(", ")}\n`);
    io.stderr.write("Run plan again.\n");
  } catch (error) {
    await connection.close();
    return reportKmsFailure(error, io);
  }
  await connection.close();
  return 1;
}

async function loadSavedPlan(file: string, io: Io) {
  const read = await readPlanFile(file);
  if (!("problem" in read)) return read;
  io.stderr.write(`error: ${read.problem.message}\n`);
  for (const detail of read.problem.details ?? []) io.stderr.write(`  ${detail}\n`);
  return 1;
}
