// Shards (CONTRACT §11): the work of one config is a set of (account, region) units; shard i of n takes
// units i, i+n, i+2n, ... of that set sorted by account then region, so n runs cover every unit once.

import type { Shard, Unit } from "../model/shard.js";

export type { Shard, Unit };

/** Shards beyond this many are almost surely a typo (and would leave almost every shard idle). */
export const MAX_SHARDS = 10_000;

/** `"2/4"` -> `{ index: 2, count: 4 }`; a message for people when it is not a shard of 1..n. */
export function parseShard(text: string): Shard | { readonly error: string } {
  const match = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(text.trim());
  const shape = `--shard must be <i>/<n>, the i-th of n shards with 1 <= i <= n (got ${JSON.stringify(text)})`;
  if (!match) return { error: shape };
  const index = Number(match[1]);
  const count = Number(match[2]);
  const wrong = outOfRange(index, count, JSON.stringify(text));
  return wrong === undefined ? { index, count } : { error: `--shard: ${wrong}` };
}

/** What is wrong with a shard given as values (the library's `shard` option), in parseShard's words. */
export function shardProblem(shard: Shard): string | undefined {
  const { index, count } = shard;
  if (!Number.isInteger(index) || !Number.isInteger(count))
    return `shard must be whole numbers i/n with 1 <= i <= n (got ${index}/${count})`;
  const wrong = outOfRange(index, count, JSON.stringify(`${index}/${count}`));
  return wrong === undefined ? undefined : `shard: ${wrong}`;
}

/** Whole numbers that are no shard i of n (1 <= i <= n <= MAX_SHARDS): why, else undefined. */
function outOfRange(index: number, count: number, given: string): string | undefined {
  if (count < 1 || count > MAX_SHARDS) return `n must be from 1 to ${MAX_SHARDS} (got ${given})`;
  if (index < 1) return `shards are numbered from 1, so ${index}/${count} does not exist`;
  if (index > count) return `${index}/${count} does not exist: there are only ${count} shards`;
  return undefined;
}

/** The distinct units of these keys, sorted by account (keys with none first), then region. */
export function unitsOf(keys: readonly Unit[]): Unit[] {
  const seen = new Map<string, Unit>();
  for (const { account, region } of keys) {
    const unit = account === undefined ? { region } : { account, region };
    seen.set(unitKey(unit), unit);
  }
  return [...seen.values()].sort(compareUnits);
}

export function compareUnits(a: Unit, b: Unit): number {
  return compareText(a.account ?? "", b.account ?? "") || compareText(a.region, b.region);
}

/** Units i, i+n, ... (1-based) of the sorted units. */
export function shardUnits(units: readonly Unit[], shard: Shard): Unit[] {
  return [...units].sort(compareUnits).filter((_, i) => i % shard.count === shard.index - 1);
}

/** The keys (of anything carrying an account and a region) that fall to this shard, in their order. */
export function inShard<T extends Unit>(keys: readonly T[], shard: Shard): T[] {
  const taken = new Set(shardUnits(unitsOf(keys), shard).map(unitKey));
  return keys.filter((k) => taken.has(unitKey(k)));
}

/** A unit as one string, for sets and maps. */
export function unitKey(unit: Unit): string {
  return `${unit.account ?? ""}/${unit.region}`;
}

// Plain code-unit order, not the locale's: every machine in a CI matrix must sort the same way.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
