// The drift report: for each key, whether its rotation is happening as the file declares.

import type { ObservedPolicy } from "./plan.js";
import type { RotationPolicy } from "./policy.js";
import type { DriftReason } from "./problems.js";
import type { ShardInfo } from "./shard.js";

export type DriftStatus = "in-sync" | "drifted" | "due" | "missing" | "blocked" | "error" | "unmanaged";

export interface DriftEntry {
  readonly key: string;
  readonly region: string;
  readonly account?: string;
  readonly keyId?: string;
  readonly status: DriftStatus;
  /** What the file declares (absent for unmanaged keys). */
  readonly expected?: RotationPolicy;
  /** What KMS shows (absent for missing keys). */
  readonly actual?: ObservedPolicy;
  /** Why a key is missing, blocked, due or could not be read (status error), for people. */
  readonly reason?: DriftReason;
  readonly lastRotationDate?: string;
}

export interface DriftReport {
  readonly formatVersion: 1;
  readonly now: string;
  readonly inSync: boolean;
  readonly keys: readonly DriftEntry[];
  /** Set when the report covers one shard of the config (`--shard`). */
  readonly shard?: ShardInfo;
}
