// The simulated clock: an anchor instant that moves with real time and jumps when told.

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
    return this.anchorMs + (this.realNow() - this.realAnchorMs);
  }

  set(toMs: number): void {
    this.anchorMs = toMs;
    this.realAnchorMs = this.realNow();
  }

  advance(ms: number): void {
    this.set(this.nowMs() + ms);
  }
}
