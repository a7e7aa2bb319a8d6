// Nonces seen within the replay window, so a captured request cannot be sent twice.
// Memory is bounded: past `capacity` entries the oldest is forgotten first (it is the closest to expiry).

export class NonceCache {
  readonly #expiries = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly capacity = 200_000,
  ) {}

  /** Records the nonce; false when it was already seen and has not yet expired. */
  remember(nonce: string, nowMs: number, signedAtMs: number): boolean {
    this.#prune(nowMs);
    const expiry = this.#expiries.get(nonce);
    if (expiry !== undefined && expiry > nowMs) return false;
    // A request stays acceptable until its own timestamp leaves the window, which may be later than now.
    this.#expiries.delete(nonce);
    this.#expiries.set(nonce, Math.max(nowMs, signedAtMs) + this.windowMs);
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
