// Nonces seen within the replay window, so a captured request cannot be sent twice.
// Memory is bounded: past `capacity` entries the oldest is forgotten first (it is the closest to expiry).

export class NonceCache {
  readonly #expiries = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 200_000,
    /** Told each nonce newly remembered and its expiry (the state keeps them across restarts). */
    private readonly onRemember?: (nonce: string, expiresAtMs: number) => void,
  ) {}

  /** Nonces remembered before (a restart): refused until their expiry. */
  load(saved: Readonly<Record<string, number>>): void {
    for (const [nonce, expiry] of Object.entries(saved).sort((a, b) => a[1] - b[1])) {
      this.#expiries.set(nonce, expiry);
    }
  }

  /** Records the nonce; false when it was already seen and has not yet expired. */
  remember(nonce: string, nowMs: number, signedAtMs: number): boolean {
    this.#prune(nowMs);
    const expiry = this.#expiries.get(nonce);
    if (expiry !== undefined && expiry > nowMs) return false;
    // A request stays acceptable until its own timestamp leaves the window, which may be later than now.
    this.#expiries.delete(nonce);
    const expiresAt = Math.max(nowMs, signedAtMs) + this.windowMs;
    this.#expiries.set(nonce, expiresAt);
    this.onRemember?.(nonce, expiresAt);
    return true;
  }

  get size(): number {
    return this.#expiries.size;
  }

  #prune(nowMs: number): void {
    for (const [nonce, expiry] of this.#expiries) {
      if (expiry > nowMs && this.#expiries.size < this.capacity) break;
      this.#expiries.delete(nonce);
    }
  }
}
