// "Did you mean" for a mistyped command or option, as the tail of a one-line error.

import { didYouMean } from "../model/suggest.js";

/** `; did you mean plan?`, or nothing when no name is near. */
export function suggestion(typed: string, known: readonly string[]): string {
  const near = didYouMean(typed, known);
  return near === undefined ? "" : `; did you mean ${near}?`;
}
