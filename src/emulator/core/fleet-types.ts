// The seed fleet's shape (schemas/fleet.schema.json) and what seeding it gives back; FleetError names the
// entry that cannot be seeded.

import type { InstanceType } from "./rules.js";
import type { AliasRecord, KeyRecord, KeyState } from "./types.js";

export interface FleetKey {
  readonly keyId?: string;
  readonly alias?: string;
  readonly aliases?: readonly string[];
  readonly description?: string;
  readonly spec?: string;
  readonly usage?: string;
  readonly origin?: string;
  readonly protectionLevel?: string;
  readonly state?: KeyState;
  readonly deleteDate?: string;
  readonly created?: string;
  readonly versions?: number;
  readonly lastRotation?: string;
  readonly rotation?: { readonly interval: string };
  readonly creator?: string;
  readonly dkmsInstanceId?: string;
  readonly tags?: Readonly<Record<string, string>>;
  readonly region?: string;
  readonly count?: number;
}

export interface Fleet {
  readonly version: 1;
  readonly account?: string;
  /** KMS instances (the newer generation): instance id -> type. */
  readonly instances?: Readonly<Record<string, InstanceType>>;
  readonly keys: readonly FleetKey[];
}

export interface SeedContext {
  readonly region: string;
  readonly accountId: string;
  /** Epoch seconds. */
  readonly now: number;
  readonly newId: () => string;
}

/** A fleet entry that cannot be seeded; `index` is its position in `keys`. */
export class FleetError extends Error {
  constructor(
    readonly index: number,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface Seeded {
  readonly keys: KeyRecord[];
  readonly aliases: AliasRecord[];
  /** The fleet's instances, plus one for each instance a key names without declaring it. */
  readonly instances: Map<string, InstanceType>;
}
