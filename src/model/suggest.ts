// "Did you mean": the closest known name within a small edit distance, for commands, options, regions.

import { closestMatch } from "leven";

/** The closest of `known` to `typed`, if it is near enough to be what was meant. */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  // Two edits (a swapped pair: plna, cn-hangzou) at least; more only for long names.
  const maxDistance = Math.min(3, Math.max(2, Math.floor(typed.length / 3)));
  return closestMatch(typed, known, { maxDistance });
}
