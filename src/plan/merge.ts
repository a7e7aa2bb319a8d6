// Several reports of one kind (the shards of one config, section 11) as one: the keys of all of them
// in the order given, each key once, the summary recomputed from those keys, never added up.

import type { DriftReport, KeyPlan, MergeConflict, Plan, ShardInfo, ShardsMissing } from "../model/index.js";
import { summarize } from "../model/index.js";
import { driftReport } from "./drift.js";

export interface Part<T> {
  /** Where the part came from, for messages: a file name. */
  readonly source: string;
  readonly value: T;
}

export type Merged<T> =
  | { readonly merged: T; readonly warnings: readonly ShardsMissing[] }
  | { readonly conflict: MergeConflict };

interface Keyed {
  readonly key: string;
  readonly region: string;
  readonly keyId?: string;
  readonly account?: string;
}

/** Identity of a key across reports: account, region and id (its name when KMS did not find it). */
function identity(entry: Keyed): string {
  return [entry.account ?? "", entry.region, entry.keyId ?? entry.key].join("\u0000");
}

/** The parts' keys, each once; a key in two parts is a conflict (the same shard twice, overlapping shards). */
export function mergeKeys<K extends Keyed>(
  parts: readonly Part<readonly K[]>[],
): { keys: K[] } | { conflict: MergeConflict } {
  const seen = new Map<string, string>();
  const keys: K[] = [];
  for (const { source, value } of parts) {
    for (const key of value) {
      const id = identity(key);
      const first = seen.get(id);
      if (first !== undefined) {
        const { key: name, region } = key;
        return { conflict: { code: "KeyInTwo", key: name, region, first, second: source } };
      }
      seen.set(id, source);
      keys.push(key);
    }
  }
  return { keys };
}

/**
 * Shards of one run: all of the same count, none twice. Fewer than all is allowed (a warning names the
 * missing ones): a partial view is still worth reading. The merged report carries no shard.
 */
export function checkShards(
  parts: readonly Part<{ readonly shard?: ShardInfo }>[],
): ShardsMissing[] | { conflict: MergeConflict } {
  const sharded = parts.filter((p) => p.value.shard !== undefined);
  if (sharded.length === 0) return [];
  if (sharded.length < parts.length) {
    return { conflict: { code: "ShardsMixed" } };
  }
  const count = sharded[0]?.value.shard?.count ?? 0;
  const seen = new Map<number, string>();
  for (const { source, value } of sharded) {
    const shard = value.shard as ShardInfo;
    if (shard.count !== count) {
      return { conflict: { code: "ShardCountDiffers", source, count: shard.count, expected: count } };
    }
    const twice = seen.get(shard.index);
    if (twice !== undefined) {
      const conflict = {
        code: "ShardTwice",
        first: twice,
        second: source,
        shard: { index: shard.index, count },
      } as const;
      return { conflict };
    }
    seen.set(shard.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  return missing.length === 0 ? [] : [{ code: "ShardsMissing", missing, count, covered: seen.size }];
}

/**
 * The earliest `now` of the parts: a merged report is as old as its oldest part. Shards of one run
 * start moments apart, so differing instants are expected, not refused.
 */
export function earliest(nows: readonly string[]): string {
  return nows.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));
}

export function mergePlans(parts: readonly Part<Plan>[]): Merged<Plan> {
  const warnings = checkShards(parts);
  if ("conflict" in warnings) return warnings;
  const keys = mergeKeys<KeyPlan>(parts.map((p) => ({ source: p.source, value: p.value.keys })));
  if ("conflict" in keys) return keys;
  const now = earliest(parts.map((p) => p.value.now));
  return { merged: { formatVersion: 1, now, summary: summarize(keys.keys), keys: keys.keys }, warnings };
}

export function mergeDriftReports(parts: readonly Part<DriftReport>[]): Merged<DriftReport> {
  const warnings = checkShards(parts);
  if ("conflict" in warnings) return warnings;
  const keys = mergeKeys(parts.map((p) => ({ source: p.source, value: p.value.keys })));
  if ("conflict" in keys) return keys;
  return { merged: driftReport(keys.keys, earliest(parts.map((p) => p.value.now))), warnings };
}
