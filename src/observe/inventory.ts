// Every key in a region with its aliases (and tags when asked): for unmanaged-key drift and import.

import type { Kms } from "../kms/types.js";
import { collectPages, MAX_PAGE_SIZE, type ObservedKey } from "../model/index.js";
import { mapPool } from "./pool.js";

export interface InventoryKey {
  readonly key: ObservedKey;
  /** Sorted alias names, `alias/...`. */
  readonly aliases: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

/** All keys of the region except `skip` (key ids), described, with aliases and optionally tags. */
export async function inventory(
  kms: Kms,
  options: { concurrency: number; signal?: AbortSignal; withTags: boolean; skip?: ReadonlySet<string> },
): Promise<InventoryKey[]> {
  const call = { signal: options.signal };
  const [ids, aliases] = await Promise.all([
    collectPages((page) => kms.listKeys(page, MAX_PAGE_SIZE, call)),
    collectPages((page) => kms.listAliases(page, MAX_PAGE_SIZE, call)),
  ]);
  const aliasesOf = new Map<string, string[]>();
  for (const a of aliases) aliasesOf.set(a.keyId, [...(aliasesOf.get(a.keyId) ?? []), a.aliasName]);
  const wanted = ids.filter((k) => !options.skip?.has(k.keyId));
  return mapPool(wanted, options.concurrency, async ({ keyId }) => ({
    key: await kms.describeKey(keyId, call),
    aliases: (aliasesOf.get(keyId) ?? []).sort(),
    tags: options.withTags ? await kms.listResourceTags(keyId, call) : [],
  }));
}

/** Page through a listing until TotalCount items are seen (or a page comes back empty). */
