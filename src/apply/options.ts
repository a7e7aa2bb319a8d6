// What running a plan takes besides the plan: the clock, bounds, the interrupt, and a progress hook.

import type { KeyResult, Observation } from "../model/index.js";

export type ApplyEvent = {
  readonly type: "key-finished";
  readonly result: KeyResult;
  readonly done: number;
  readonly total: number;
};

export interface ApplyOptions {
  /** The instant due-ness is judged at when each key is re-read. */
  readonly now: Date;
  readonly concurrency?: number;
  /** Stops the apply: keys not yet written are not attempted; writes in flight are finished or settled. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

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
