// The nonces of signed requests, kept with the state for their replay window: a request captured and
// sent again after a restart is refused as it would have been before. The edge's cache decides; this
// remembers. New nonces are written with the next journal line (before the answer of a call that may write).

export class NonceLedger {
  /** Nonce -> real-time epoch ms until which a request carrying it is fresh. */
  private readonly seen = new Map<string, number>();
  private unwritten: Record<string, number> = {};
  private unwrittenCount = 0;
  private pruneAt = 1024;

  constructor(
    saved: Readonly<Record<string, number>> | undefined,
    private readonly realNow: () => number,
  ) {
    const now = realNow();
    for (const [nonce, expiry] of Object.entries(saved ?? {})) {
      if (typeof expiry === "number" && expiry > now) this.seen.set(nonce, expiry);
    }
  }

  /** The unexpired nonces, for the edge's cache at start and for snapshots. */
  unexpired(): Record<string, number> {
    const now = this.realNow();
    const kept: Record<string, number> = {};
    for (const [nonce, expiry] of this.seen) if (expiry > now) kept[nonce] = expiry;
    return kept;
  }

  note(nonce: string, expiresAtMs: number): void {
    this.seen.set(nonce, expiresAtMs);
    this.unwritten[nonce] = expiresAtMs;
    this.unwrittenCount++;
    if (this.seen.size >= this.pruneAt) this.prune();
  }

  get hasUnwritten(): boolean {
    return this.unwrittenCount > 0;
  }

  /** The nonces not yet on disk, to go with the next journal line; `written()` once it is there. */
  get pending(): Readonly<Record<string, number>> {
    return this.unwritten;
  }

  written(): void {
    this.unwritten = {};
    this.unwrittenCount = 0;
  }

  private prune(): void {
    const now = this.realNow();
    for (const [nonce, expiry] of this.seen) if (expiry <= now) this.seen.delete(nonce);
    this.pruneAt = Math.max(1024, this.seen.size * 2);
  }
}
