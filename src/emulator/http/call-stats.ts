// Requests received per action since the process started, whatever became of them.

export class CallStats {
  readonly #calls = new Map<string, number>();

  count(action: string): void {
    this.#calls.set(action, (this.#calls.get(action) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.#calls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
