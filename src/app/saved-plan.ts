// `apply plan.json`: load a saved plan, reconnect to where it was made, and refuse it whole when any
// key has changed since it was planned.

import { resolve } from "node:path";
import {
  type Diagnostic,
  diagnostic,
  type Plan,
  type ProviderConfig,
  type Shard,
  summarize,
} from "../model/index.js";
import { movedKeys } from "../observe/stale.js";
import type { TimedRead } from "../observe/timed-read.js";
import { shardUnits, unitKey, unitsOf } from "../plan/index.js";
import { type PlanFileProblem, readPlanFile, type SavedPlanParts } from "../plan-file/index.js";
import { fingerprintChangeText } from "../words/fingerprint-text.js";
import type { Connection } from "./connect.js";
import { kmsFailure } from "./kms-failures.js";
import { type Opened, openConnection } from "./open-connection.js";
import type { Resolved } from "./options.js";
import { planEndpointProblem } from "./plan-endpoint.js";

export interface OpenedPlan {
  readonly plan: Plan;
  readonly connection: Connection;
  readonly concurrency: number;
  /** The staleness check's reads of the plan's keys, by index, for apply to decide on while fresh. */
  readonly reads?: readonly (TimedRead | undefined)[];
}

export async function openSavedPlan(file: string, run: Resolved): Promise<Opened<OpenedPlan>> {
  // Relative to the run's directory, as a config file is.
  const read = await readPlanFile(resolve(run.cwd, file), file);
  if ("problem" in read) return { diagnostics: [planFileDiagnostic(read.problem)] };
  const { plan, saved } = run.shard ? shardOf(read, run.shard) : read;
  const provider = saved.provider as ProviderConfig & { endpoint?: string };
  const regions = [...new Set(plan.keys.map((k) => k.region))];
  const given = run.endpoint;
  const where = await planEndpointProblem(file, provider, given, saved.config, run.cwd);
  if (where !== undefined)
    return { diagnostics: [diagnostic("error", "plan-endpoint", `${where}; nothing was sent`)] };
  // Requests go where this run resolves (--endpoint, KMS_ROTATION_ENDPOINT, the config's), checked above
  // to be where the plan was made: never to an endpoint taken from the plan file alone.
  const { endpoint: _fromPlan, ...providerOnly } = provider;
  const connected = await openConnection(
    providerOnly as ProviderConfig,
    regions,
    run,
    { moveLocalClock: true, lockUnits: plan.keys },
    `for ${file}`,
  );
  if (!("ok" in connected)) return connected;
  const connection = connected.ok;
  try {
    const { moved, reads } = await movedKeys(plan.keys, saved.observed, connection.kmsFor, {
      concurrency: run.concurrency,
      now: connection.now,
      signal: run.signal,
    });
    if (moved.length === 0) return { ok: { plan, connection, concurrency: run.concurrency, reads } };
    await connection.close();
    const message = `the saved plan ${file} is stale; nothing was changed. Keys changed since it was planned:`;
    const details = moved.map(
      (m) => `${m.key} (${m.region}): ${m.changes.map(fingerprintChangeText).join(", ")}`,
    );
    return {
      diagnostics: [diagnostic("error", "stale-plan", message, { details, hint: "Run plan again." })],
    };
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
}

/**
 * The keys of one shard of a saved plan (`apply plan.json --shard i/n`), with their fingerprints. The
 * units are the plan's own, so the shards of one saved plan cover it exactly once.
 */
function shardOf(
  read: { plan: Plan; saved: SavedPlanParts },
  shard: Shard,
): { plan: Plan; saved: SavedPlanParts } {
  const units = shardUnits(unitsOf(read.plan.keys), shard);
  const taken = new Set(units.map(unitKey));
  const kept = read.plan.keys.flatMap((key, index) => (taken.has(unitKey(key)) ? [{ key, index }] : []));
  const observed = new Map(
    kept.flatMap(({ index }, at) => {
      const fingerprint = read.saved.observed.get(index);
      return fingerprint ? [[at, fingerprint] as const] : [];
    }),
  );
  const keys = kept.map(({ key }) => key);
  return {
    plan: { ...read.plan, keys, summary: summarize(keys), shard: { ...shard, units } },
    saved: { ...read.saved, observed },
  };
}

/** A saved plan that cannot be used, as the diagnostic that says why. */
export function planFileDiagnostic(problem: PlanFileProblem): Diagnostic {
  return diagnostic(
    "error",
    "plan-file",
    problem.message,
    problem.details ? { details: problem.details } : {},
  );
}
