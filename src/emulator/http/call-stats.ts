// Requests received per action since the process started, whatever became of them.

import type { CallerKind } from "./authenticate.js";

/** An RPC action name as the service spells them (DescribeKey, AssumeRole). */
const ACTION_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
export const MALFORMED = "(malformed)";
const OTHER = "(other)";
const MAX_NAMES = 500;

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

  /**
   * One more request for `action`. The name is whatever the caller sent, signed or not: only a well-formed
   * action name is kept as a key of the stats (so no raw user text is echoed back, nor grows them
   * without end); anything else is counted under MALFORMED, names past MAX_NAMES under OTHER.
   */
  count(action: string): void {
    const known = this.#calls.has(action);
    const name = !ACTION_NAME.test(action)
      ? MALFORMED
      : known || this.#calls.size < MAX_NAMES
        ? action
        : OTHER;
    this.#calls.set(name, (this.#calls.get(name) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#calls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
