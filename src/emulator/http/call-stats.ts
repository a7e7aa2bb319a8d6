// Requests received per action since the process started, whatever became of them.

import type { CallerKind } from "./authenticate.js";

export class CallStats {
  readonly #calls = new Map<string, number>();
  readonly #callers = new Map<CallerKind, number>();

  /** One more authentic request signed by this kind of credentials. */
  caller(kind: CallerKind): void {
    this.#callers.set(kind, (this.#callers.get(kind) ?? 0) + 1);
  }

  /** Authentic requests by who signed them: the account's AccessKey or temporary (STS) credentials. */
  callers(): Record<CallerKind, number> {
    return { "access-key": this.#callers.get("access-key") ?? 0, sts: this.#callers.get("sts") ?? 0 };
  }

  count(action: string): void {
    this.#calls.set(action, (this.#calls.get(action) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#calls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
