// What running a plan takes besides the plan: the clock, bounds, the interrupt, and a progress hook.

import type { KeyResult } from "../model/index.js";

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
  /**
   * A saved plan's apply: each key gets only its planned write, never a follow-up decided on the re-read
   * after it (a version due once a promotion is made waits for the next plan, which shows it).
   */
  readonly exactPlan?: boolean;
}
