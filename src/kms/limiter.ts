// Bounded, adaptive concurrency for one region's quota: at most `limit` calls in flight; throttling
// halves the limit and successes grow it back one step at a time (AIMD), so a busy region converges.

export type Outcome = "success" | "throttled" | "failure";

export interface Slot {
  /** Give the slot back, saying how the call went. Calling it again does nothing. */
  release(outcome: Outcome): void;
}

export interface LimiterOptions {
  /** Successes needed to raise the limit by one (default 8). */
  readonly growEvery?: number;
}

interface Waiter {
  grant(): void;
}

export class AdaptiveLimiter {
  readonly max: number;
  readonly #growEvery: number;
  #limit: number;
  #inFlight = 0;
  #successes = 0;
  // Bumped on every decrease; a throttle from a call started before the last decrease was already
  // answered for, so a burst of 429s halves the limit once, not once per call.
  #epoch = 0;
  readonly #queue: Waiter[] = [];

  constructor(max: number, options: LimiterOptions = {}) {
    if (!Number.isInteger(max) || max < 1)
      throw new RangeError(`concurrency must be an integer >= 1, got ${max}`);
    this.max = max;
    this.#limit = max;
    this.#growEvery = Math.max(1, options.growEvery ?? 8);
  }

  get limit(): number {
    return this.#limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** A slot once one is free; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#inFlight < this.#limit && this.#queue.length === 0) return Promise.resolve(this.#take());
    return new Promise<Slot>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#take());
        },
      };
      this.#queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  #take(): Slot {
    this.#inFlight += 1;
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.#inFlight -= 1;
        this.#record(outcome, epoch);
        this.#pump();
      },
    };
  }

  #record(outcome: Outcome, epoch: number): void {
    if (outcome === "throttled") {
      if (epoch !== this.#epoch) return;
      this.#epoch += 1;
      this.#limit = Math.max(1, Math.floor(this.#limit / 2));
      this.#successes = 0;
    } else if (outcome === "success" && this.#limit < this.max) {
      this.#successes += 1;
      if (this.#successes >= this.#growEvery) {
        this.#limit += 1;
        this.#successes = 0;
      }
    }
  }

  #pump(): void {
    while (this.#inFlight < this.#limit && this.#queue.length > 0) this.#queue.shift()?.grant();
  }
}
