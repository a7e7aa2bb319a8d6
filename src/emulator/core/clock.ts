// The simulated clock: an anchor instant that moves with real time and jumps when told. Real time never
// carries it past the last instant the service's dates can show: there it stops.

import { LATEST_INSTANT_MS } from "./time.js";

export class SimulatedClock {
  private anchorMs: number;
  private realAnchorMs: number;

  /** `realNow` is injected so the core never reads the system clock itself. */
  constructor(
    startMs: number,
    private readonly realNow: () => number,
  ) {
    this.anchorMs = startMs;
    this.realAnchorMs = realNow();
  }

  nowMs(): number {
    return Math.min(this.anchorMs + (this.realNow() - this.realAnchorMs), LATEST_INSTANT_MS);
  }

  set(toMs: number): void {
    this.anchorMs = toMs;
    this.realAnchorMs = this.realNow();
  }

  advance(ms: number): void {
    this.set(this.nowMs() + ms);
  }
}
