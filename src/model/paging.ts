// The one paging rule for KMS's List* calls: ask page 1, 2, ... until a page comes back empty or every
// item the service counted (TotalCount) is in hand.

/** The service's largest page. */
export const MAX_PAGE_SIZE = 100;

export async function collectPages<T>(
  fetch: (page: number) => Promise<{ readonly items: readonly T[]; readonly totalCount: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; ; page++) {
    const { items, totalCount } = await fetch(page);
    all.push(...items);
    if (items.length === 0 || all.length >= totalCount) return all;
  }
}
