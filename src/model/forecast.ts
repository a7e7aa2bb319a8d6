// The forecast: every rotation due between now and a horizon, and when keys reach their version cap
// (CONTRACT section 10). Instants are ISO-8601 UTC strings, as in every report.

import type { ShardInfo } from "./shard.js";

export type RotationKind = "automatic" | "manual";

export interface ForecastRotation {
  readonly key: string;
  readonly keyId: string;
  readonly region: string;
  /** The account uid, when the config names one for the key. */
  readonly account?: string;
  readonly at: string;
  readonly kind: RotationKind;
}

/** A key whose version cap (50) is reached within the horizon; `at` is now for a key already there. */
export interface CapReached {
  readonly key: string;
  readonly keyId: string;
  readonly region: string;
  readonly account?: string;
  readonly at: string;
}

export interface Forecast {
  readonly formatVersion: 1;
  readonly now: string;
  readonly until: string;
  readonly rotations: readonly ForecastRotation[];
  readonly capReached: readonly CapReached[];
  /** Set when the forecast covers one shard of the config (`--shard`). */
  readonly shard?: ShardInfo;
}
