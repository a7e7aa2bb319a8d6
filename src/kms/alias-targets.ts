// Which key each alias names, as ListAliases lists it: read once per client (one account and region,
// 100 aliases a page), so a DescribeKey by alias can be held to its target without a read per key.

import { collectPages, MAX_PAGE_SIZE, type ObservedKey } from "../model/index.js";
import { invalidResponse } from "./check.js";
import type { AliasListing, CallOptions, Page } from "./types.js";

type ListPage = (page: number, size: number, call?: CallOptions) => Promise<Page<AliasListing>>;

/** The alias-to-KeyId map, listed on first use and kept; a failed listing is not kept. */
export function aliasTargets(list: ListPage): (call?: CallOptions) => Promise<ReadonlyMap<string, string>> {
  let listing: Promise<ReadonlyMap<string, string>> | undefined;
  return (call) => {
    listing ??= collectPages((page) => list(page, MAX_PAGE_SIZE, call)).then(
      (aliases) => new Map(aliases.map((a) => [a.aliasName, a.keyId])),
      (error: unknown) => {
        listing = undefined;
        throw error;
      },
    );
    return listing;
  };
}

/**
 * Section 14: the key DescribeKey describes must be the alias's target. Anything else (another key, an
 * alias ListAliases does not list) is `InvalidResponse`: the key is an error entry, never a write.
 */
export function holdToAliasTarget(
  key: ObservedKey,
  alias: string,
  targets: ReadonlyMap<string, string>,
): void {
  const target = targets.get(alias);
  const where = `DescribeKey for ${alias}`;
  if (target === undefined)
    throw invalidResponse(where, `KeyId ${JSON.stringify(key.keyId)}, but ListAliases lists no ${alias}`);
  if (target !== key.keyId)
    throw invalidResponse(
      where,
      `KeyId ${JSON.stringify(key.keyId)}: another key than the one asked for (${alias} names ${target})`,
    );
}
