// Shards (CONTRACT §11): which part of a config's (account, region) units one run works on.

/** The 1-based `index` of `count` shards. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** One (account, region) pair holding declared keys; `account` absent for keys of the default chain. */
export interface Unit {
  readonly account?: string;
  readonly region: string;
}

/** What a report of one shard covers, so reports of all shards can be merged and checked complete. */
export interface ShardInfo extends Shard {
  readonly units: readonly Unit[];
}
