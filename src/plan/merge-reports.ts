// Shards of one audit or one forecast as one report (section 11), and several publish documents as one
// key set: every key once, summaries and time order recomputed, never added up. Built on merge.ts's
// rules for plans and drift reports.

import type {
  AuditEntry,
  AuditReport,
  CapReached,
  Forecast,
  ForecastRotation,
  PublishReport,
} from "../model/index.js";
import { publishOrder, summarizeAudit } from "../model/index.js";
import { checkShards, earliest, type Merged, mergeKeys, type Part } from "./merge.js";

export function mergeAuditReports(parts: readonly Part<AuditReport>[]): Merged<AuditReport> {
  const warnings = checkShards(parts);
  if ("conflict" in warnings) return warnings;
  const first = parts[0] as Part<AuditReport>;
  const policy = JSON.stringify(first.value.policy);
  const other = parts.find((p) => JSON.stringify(p.value.policy) !== policy);
  if (other) return { conflict: { code: "PoliciesDiffer", first: first.source, second: other.source } };
  const keyed = parts.map((p) => ({
    source: p.source,
    value: p.value.keys.map((entry) => ({ entry, ...identityOf(entry) })),
  }));
  const keys = mergeKeys(keyed);
  if ("conflict" in keys) return keys;
  const entries: AuditEntry[] = keys.keys.map((k) => k.entry);
  const now = earliest(parts.map((p) => p.value.now));
  return {
    merged: {
      formatVersion: 1,
      now,
      policy: first.value.policy,
      summary: summarizeAudit(entries),
      keys: entries,
    },
    warnings,
  };
}

function identityOf(entry: AuditEntry): { key: string; region: string; keyId?: string; account?: string } {
  return {
    key: entry.key,
    region: entry.region,
    ...(entry.keyId === null ? {} : { keyId: entry.keyId }),
    ...(entry.account === null ? {} : { account: entry.account }),
  };
}

/** The window is the union of the parts' windows: shards of one run start moments apart. */
export function mergeForecasts(parts: readonly Part<Forecast>[]): Merged<Forecast> {
  const warnings = checkShards(parts);
  if ("conflict" in warnings) return warnings;
  // A key belongs to one part: the first rotation or cap of each key per part stands for it.
  const byPart = parts.map((p) => ({
    source: p.source,
    value: uniqueKeys([...p.value.rotations, ...p.value.capReached]),
  }));
  const keys = mergeKeys(byPart);
  if ("conflict" in keys) return keys;
  const order = (a: { at: string; region: string; key: string }, b: typeof a) =>
    a.at.localeCompare(b.at) || a.region.localeCompare(b.region) || a.key.localeCompare(b.key);
  const rotations: ForecastRotation[] = parts.flatMap((p) => p.value.rotations).sort(order);
  const capReached: CapReached[] = parts.flatMap((p) => p.value.capReached).sort(order);
  const problems = parts
    .flatMap((p) => p.value.problems ?? [])
    .sort((a, b) => a.region.localeCompare(b.region) || a.key.localeCompare(b.key));
  const untils = parts.map((p) => p.value.until);
  const until = untils.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  return {
    merged: {
      formatVersion: 1,
      now: earliest(parts.map((p) => p.value.now)),
      until,
      rotations,
      capReached,
      problems,
    },
    warnings,
  };
}

function uniqueKeys<K extends { key: string; region: string; keyId: string }>(entries: readonly K[]): K[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const id = `${e.region}\u0000${e.keyId}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Several publish documents (one per shard or region) as one key set: each key once, the earliest now;
 * the shards of one run checked as every report's are (a set missing one would leave verifiers without
 * its keys).
 */
export function mergePublished(parts: readonly Part<PublishReport>[]): Merged<PublishReport> {
  const warnings = checkShards(parts);
  if ("conflict" in warnings) return warnings;
  const keys = mergeKeys(parts.map((p) => ({ source: p.source, value: p.value.keys })));
  if ("conflict" in keys) return keys;
  const now = earliest(parts.map((p) => p.value.now));
  return { merged: { formatVersion: 1, now, keys: publishOrder(keys.keys) }, warnings };
}
