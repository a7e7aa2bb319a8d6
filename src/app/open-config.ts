// The first half of every command that reads KMS: the config checked, the run's shard of its keys taken,
// and KMS connected for their regions; no key read yet.

import type { Config, DesiredKey, ShardInfo } from "../model/index.js";
import { inShard, shardUnits, unitsOf } from "../plan/index.js";
import { checkedConfig } from "./checked-config.js";
import type { Connection } from "./connect.js";
import { type Opened, openConnection } from "./open-connection.js";
import type { Resolved } from "./options.js";

export interface ConfigOpened {
  readonly config: Config;
  /** The declared keys this run works on: all, or those of its shard. */
  readonly keys: readonly DesiredKey[];
  /** With a shard: which, and its (account, region) units (none: nothing to do). */
  readonly shard?: ShardInfo;
  readonly connection: Connection;
  readonly concurrency: number;
}

export interface ConfigMode {
  readonly moveLocalClock: boolean;
  /** apply: hold the machine-local lock of each (endpoint, account) written to, for the run. */
  readonly lockWrites?: boolean;
  /** Refuse a config whose declared keys break its `policy:` (plan, apply); reports (drift, audit) do not. */
  readonly enforcePolicy?: boolean;
}

/** The config read and KMS connected, no key read yet. The caller closes `connection`. */
export async function openConfig(
  file: string,
  run: Resolved,
  mode: ConfigMode,
): Promise<Opened<ConfigOpened>> {
  const checked = await checkedConfig(file, run, mode.enforcePolicy === true);
  if ("diagnostics" in checked) return checked;
  const { config } = checked;
  const keys = run.shard ? inShard(config.keys, run.shard) : config.keys;
  const shard = run.shard ? { ...run.shard, units: shardUnits(unitsOf(config.keys), run.shard) } : undefined;
  const base = { config, keys, ...(shard ? { shard } : {}), concurrency: run.concurrency };
  // A shard with no unit reads nothing: no KMS to start or reach.
  if (shard && shard.units.length === 0) return { ok: { ...base, connection: idle(run.now ?? new Date()) } };
  const regions = [...new Set(keys.map((k) => k.region))];
  const lockUnits = mode.lockWrites ? keys : undefined;
  const connected = await openConnection(
    config.provider,
    regions,
    run,
    { moveLocalClock: mode.moveLocalClock, ...(lockUnits ? { lockUnits } : {}) },
    `for ${config.file}`,
  );
  if (!("ok" in connected)) return connected;
  return { ok: { ...base, connection: connected.ok } };
}

function idle(now: Date): Connection {
  return {
    kmsFor: () => {
      throw new Error("a shard with no unit has no KMS client");
    },
    now,
    close: async () => {},
  };
}
