// Paces one operation group's calls to a request rate: calls leave one at a time, first come first
// served, one interval apart. When the service throttles anyway (a quota lower than configured, another
// client on the same account) the rate drops, and each success wins a step back.

export interface PacerOptions {
  /** The configured ceiling, calls per second. */
  readonly rate: number;
  /**
   * Share of the ceiling used when all is well. The service counts arrivals, which jitter; sending at
   * exactly the quota would meet throttling on every bunched pair, a little below it almost never.
   */
  readonly headroom?: number;
  /** Monotonic milliseconds; tests pass their own. */
  readonly now?: () => number;
}

export interface PaceTicket {
  /** The decrease epoch this call was sent in: a throttle answers for its own epoch only. */
  readonly epoch: number;
  /** How long the call waited for its send time. */
  readonly waitedMs: number;
}

/** Multiplicative decrease on throttling, additive increase (a fiftieth of the target) per success. */
const DECREASE = 0.7;
const RECOVERY_STEPS = 50;
const DEFAULT_HEADROOM = 0.95;

interface Waiter {
  readonly since: number;
  readonly grant: (ticket: PaceTicket) => void;
}

export class Pacer {
  readonly ceiling: number;
  readonly target: number;
  readonly #min: number;
  readonly #now: () => number;
  #rate: number;
  /** The earliest instant the next call may leave. */
  #next = Number.NEGATIVE_INFINITY;
  // Bumped on every decrease: a burst of throttles from calls sent at the old rate cuts it once.
  #epoch = 0;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: PacerOptions) {
    const { rate } = options;
    if (!(Number.isFinite(rate) && rate > 0)) throw new RangeError(`rate must be a positive number: ${rate}`);
    this.ceiling = rate;
    this.target = rate * Math.min(1, Math.max(0.1, options.headroom ?? DEFAULT_HEADROOM));
    this.#min = Math.min(1, this.target);
    this.#rate = this.target;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Calls per second now. */
  get rate(): number {
    return this.#rate;
  }

  /** Calls waiting for their turn. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Resolves at this call's send time; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<PaceTicket> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const now = this.#now();
    if (this.#queue.length === 0 && now >= this.#next) return Promise.resolve(this.#leave(now, now));
    return new Promise<PaceTicket>((resolve, reject) => {
      const onAbort = () => {
        const index = this.#queue.indexOf(waiter);
        if (index >= 0) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        since: now,
        grant: (ticket) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(ticket);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(waiter);
      this.#schedule();
    });
  }

  /** How the call sent with `ticket` went. */
  record(ticket: PaceTicket, outcome: "success" | "throttled" | "failure"): void {
    if (outcome === "throttled") {
      if (ticket.epoch !== this.#epoch) return;
      this.#epoch += 1;
      this.#rate = Math.max(this.#min, this.#rate * DECREASE);
      // Let the window the service counts in drain before the next call.
      this.#next = Math.max(this.#next, this.#now()) + 1000 / this.#rate;
    } else if (outcome === "success" && this.#rate < this.target) {
      this.#rate = Math.min(this.target, this.#rate + this.target / RECOVERY_STEPS);
    }
  }

  // The next call may leave one interval after this one actually left, never sooner: after a stall
  // (a busy event loop, a late timer) calls do not catch up in a burst the service would count.
  #leave(now: number, since: number): PaceTicket {
    this.#next = now + 1000 / this.#rate;
    return { epoch: this.#epoch, waitedMs: now - since };
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#queue.length === 0) return;
    const delay = Math.max(0, this.#next - this.#now());
    this.#timer = setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    const now = this.#now();
    const waiter = this.#queue[0];
    if (waiter && now >= this.#next) {
      this.#queue.shift();
      waiter.grant(this.#leave(now, waiter.since));
    }
    this.#schedule();
  }
}

/** One pacer per operation group of one region's quota. */
export class GroupPacers<G extends string> {
  readonly #pacers = new Map<G, Pacer>();
  constructor(rates: Readonly<Record<G, number>>, options: Omit<PacerOptions, "rate"> = {}) {
    for (const [group, rate] of Object.entries(rates) as [G, number][]) {
      this.#pacers.set(group, new Pacer({ ...options, rate }));
    }
  }

  get(group: G): Pacer {
    const pacer = this.#pacers.get(group);
    if (!pacer) throw new Error(`no pacer for ${group}`);
    return pacer;
  }
}
