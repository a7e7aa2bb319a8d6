// The forecast: every rotation due between now and a horizon, and when keys reach their version cap
// (CONTRACT section 10). Instants are ISO-8601 UTC strings, as in every report.

import type { ReadError } from "./observed.js";
import type { Reason } from "./problems.js";
import type { ShardInfo } from "./shard.js";

export type RotationKind = "automatic" | "manual";

/** A forecast entry: a rotation, or a signing key's promotion or retirement of a version (section 12). */
export type ForecastKind = RotationKind | "promote" | "retire";

export interface ForecastRotation {
  readonly key: string;
  readonly keyId: string;
  readonly region: string;
  /** The account uid, when the config names one for the key. */
  readonly account?: string;
  readonly at: string;
  readonly kind: ForecastKind;
  /** promote and retire: the version, when it exists already (a future version has no id yet). */
  readonly keyVersionId?: string;
  /**
   * When this rotation falls due, where that is not `at`: a manual key already overdue gets its first
   * version at `now` and the rest every interval from then, while `due` stays put from run to run. The
   * rotation's identity (its calendar UID) comes from it.
   */
  readonly due?: string;
}

/** A key whose version cap (50) is reached within the horizon; `at` is now for a key already there. */
export interface CapReached {
  readonly key: string;
  readonly keyId: string;
  readonly region: string;
  readonly account?: string;
  readonly at: string;
}

/**
 * A declared key the forecast cannot speak for: missing (no such key or alias), blocked (it needs a
 * change that cannot be made, as `plan` says), or unreadable (KMS could not be read for it, as `plan`'s
 * `error`). The command exits 1 when there is any.
 */
export type ForecastProblem = ForecastProblemKey &
  (
    | {
        /** The plan's blocked reason (JSON: its `code` and `message`). */ readonly reason: Reason;
        readonly error?: undefined;
      }
    | {
        /** Why the key could not be read (JSON: `code`, `message`, `unreadable: true`). */ readonly error: ReadError;
        readonly reason?: undefined;
      }
  );

interface ForecastProblemKey {
  readonly key: string;
  /** Absent for a key that does not exist or could not be read. */
  readonly keyId?: string;
  readonly region: string;
  readonly account?: string;
}

/** The problem's code: the blocked reason's, or the read error's. */
export function forecastProblemCode(p: ForecastProblem): string {
  return p.error ? p.error.code : p.reason.code;
}

export interface Forecast {
  readonly formatVersion: 1;
  readonly now: string;
  readonly until: string;
  readonly rotations: readonly ForecastRotation[];
  readonly capReached: readonly CapReached[];
  /** Declared keys missing, blocked or unreadable; absent in reports written before it existed (read as none). */
  readonly problems?: readonly ForecastProblem[];
  /** Set when the forecast covers one shard of the config (`--shard`). */
  readonly shard?: ShardInfo;
}
