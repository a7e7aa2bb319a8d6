// Run tasks with at most `limit` in flight, keeping results in input order.

export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Group by a key, keeping first-seen order of groups and input order inside each. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export interface WorkQueue<T> {
  push(item: T): void;
  /** No more items will come. */
  close(): void;
  /** Resolves when closed and every item has been handled; rejects with the first task's error. */
  drained(): Promise<void>;
}

/** Items handled as they arrive, at most `limit` at once, in arrival order. */
export function workQueue<T>(limit: number, task: (item: T) => Promise<void>): WorkQueue<T> {
  const pending: T[] = [];
  let running = 0;
  let closed = false;
  let failure: { error: unknown } | undefined;
  let settle: { resolve: () => void; reject: (e: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  done.catch(() => {});
  const check = () => {
    if (failure) settle?.reject(failure.error);
    else if (closed && running === 0 && pending.length === 0) settle?.resolve();
  };
  const pump = () => {
    while (running < limit && pending.length > 0 && !failure) {
      const item = pending.shift() as T;
      running += 1;
      task(item).then(
        () => {
          running -= 1;
          pump();
          check();
        },
        (error: unknown) => {
          running -= 1;
          failure ??= { error };
          check();
        },
      );
    }
  };
  return {
    push(item) {
      pending.push(item);
      pump();
    },
    close() {
      closed = true;
      check();
    },
    drained: () => done,
  };
}
