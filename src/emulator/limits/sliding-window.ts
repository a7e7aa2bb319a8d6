// At most `limit` admissions in any `windowMs`: a ring of the last `limit` admission times.
// A sliding window, not fixed one-second buckets, so a burst straddling a second boundary is still capped.

export class SlidingWindow {
  readonly #stamps: number[];
  #oldest = 0;

  constructor(
    readonly limit: number,
    private readonly windowMs = 1000,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a positive integer: ${limit}`);
    this.#stamps = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  }

  /** True, and counted, when one more call fits in the window ending at `nowMs`. */
  tryAcquire(nowMs: number): boolean {
    const oldest = this.#stamps[this.#oldest] ?? Number.NEGATIVE_INFINITY;
    if (nowMs - oldest < this.windowMs) return false;
    this.#stamps[this.#oldest] = nowMs;
    this.#oldest = (this.#oldest + 1) % this.limit;
    return true;
  }
}
