// A read taken earlier in a run and how long it may stand in for the read before a write: the read side's
// notion of fresh, shared by the stale-plan check and apply.

import type { Observation } from "../model/index.js";

/** A read of a key taken earlier in this run, and when (performance.now()). */
export interface TimedRead {
  readonly observation: Observation;
  readonly at: number;
}

/** A read older than this is not decided on: the key is read again before its write. */
export const FRESH_FOR_MS = 15_000;

/** The observation of `read` if it is recent enough to stand in for the read before a write. */
export function freshObservation(read: TimedRead | undefined): Observation | undefined {
  return read !== undefined && performance.now() - read.at < FRESH_FOR_MS ? read.observation : undefined;
}
