// Comparing what a saved plan remembers of each key with what KMS shows now.

import { fingerprintOf, type Observation, type ObservedFingerprint } from "../model/index.js";

export function fingerprints(observations: readonly Observation[]): Map<number, ObservedFingerprint> {
  const result = new Map<number, ObservedFingerprint>();
  observations.forEach((o, i) => {
    if (o.found) result.set(i, fingerprintOf(o.key));
  });
  return result;
}

/** The fields that differ, as `field: before -> after`; empty when the key is as it was. */
export function differences(
  before: ObservedFingerprint | undefined,
  after: ObservedFingerprint | undefined,
): string[] {
  if (!before || !after) return before === after ? [] : [before ? "the key is gone" : "the key now exists"];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ObservedFingerprint>;
  return [...fields]
    .filter((f) => before[f] !== after[f])
    .map((f) => `${f}: ${before[f] ?? "(none)"} -> ${after[f] ?? "(none)"}`);
}
