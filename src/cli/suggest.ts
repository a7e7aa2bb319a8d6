// "Did you mean" for a mistyped command or option: the closest known name within a small edit distance.

import { closestMatch } from "leven";

/** The closest of `known` to `typed`, if it is near enough to be what was meant. */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  // Two edits (a swapped pair: plna, fromat) at least; more only for long names.
  const maxDistance = Math.min(3, Math.max(2, Math.floor(typed.length / 3)));
  return closestMatch(typed, known, { maxDistance });
}

/** `; did you mean plan?`, or nothing when no name is near. */
export function suggestion(typed: string, known: readonly string[]): string {
  const near = didYouMean(typed, known);
  return near === undefined ? "" : `; did you mean ${near}?`;
}
