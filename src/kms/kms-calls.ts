// The `Kms` interface over two senders (reads and writes): parameters in the service's names, answers
// mapped to our types.

import { collectPages, formatServiceInterval, MAX_PAGE_SIZE } from "../model/index.js";
import { aliasTargets, holdToAliasTarget } from "./alias-targets.js";
import { checkEnvelope } from "./check.js";
import {
  type Body,
  listOf,
  pageOf,
  toAliasListing,
  toKeyListing,
  toKeyVersion,
  toObservedKey,
  toPublicKey,
  toSignature,
  toTag,
} from "./map.js";
import type { AliasListing, CallOptions, Kms } from "./types.js";

export type Send = (action: string, params: Record<string, string>, call?: CallOptions) => Promise<Body>;

const paging = (page: number, size: number) => ({ PageNumber: String(page), PageSize: String(size) });

/** Every answer's envelope is checked before its fields are read (section 14). */
function checked(send: Send, write: boolean): Send {
  return async (action, params, call) => {
    const body = await send(action, params, call);
    checkEnvelope(action, body, write);
    return body;
  };
}

export function buildKms(region: string, readUnchecked: Send, writeUnchecked: Send): Kms {
  const read = checked(readUnchecked, false);
  const write = checked(writeUnchecked, true);
  const aliases = aliasCalls(read);
  return {
    region,
    ...keyCalls(region, read, write, aliasTargets(aliases.listAliases)),
    ...aliases,
    ...tagCalls(read, write),
    ...signingCalls(read, write),
  };
}

/** DescribeKey, the key's versions and the region's keys, and the two rotation writes. */
function keyCalls(
  region: string,
  read: Send,
  write: Send,
  targets: ReturnType<typeof aliasTargets>,
): Pick<
  Kms,
  | "describeKey"
  | "countKeyVersions"
  | "listKeyVersions"
  | "updateRotationPolicy"
  | "createKeyVersion"
  | "listKeys"
> {
  const versions = async (keyId: string, page: number, size: number, o?: CallOptions) =>
    pageOf(
      await read("ListKeyVersions", { KeyId: keyId, ...paging(page, size) }, o),
      `ListKeyVersions for ${keyId}`,
      "KeyVersions",
      "KeyVersion",
      (raw, where) => toKeyVersion(raw, where, keyId),
    );
  return {
    describeKey: async (keyId, o) => {
      // The key's own read goes first, so it is the call that meets missing credentials; the listing
      // starts in the same tick, right behind it: queued behind the fleet's reads it would hold back
      // every alias key.
      const answer = read("DescribeKey", { KeyId: keyId }, o);
      const listing = keyId.startsWith("alias/") ? targets(o) : undefined;
      listing?.catch(() => {});
      const body = await answer;
      // Settled before the answer is checked (its failure still comes after the answer's own), so the
      // key keeps the listing's KeyId string.
      const listed = listing
        ? await listing.then(
            (map) => ({ map }),
            (error: unknown) => ({ error }),
          )
        : undefined;
      const target = listed && "map" in listed ? listed.map.get(keyId) : undefined;
      const key = toObservedKey(body, { keyId, region, ...(target === undefined ? {} : { listed: target }) });
      if (listed && "error" in listed) throw listed.error;
      if (listed && "map" in listed) holdToAliasTarget(key, keyId, listed.map);
      return key;
    },
    countKeyVersions: async (keyId, o) => (await versions(keyId, 1, 1, o)).totalCount,
    listKeyVersions: versions,
    updateRotationPolicy: async (keyId, enable, intervalSeconds, o) => {
      const params: Record<string, string> = { KeyId: keyId, EnableAutomaticRotation: String(enable) };
      if (intervalSeconds !== undefined) params.RotationInterval = formatServiceInterval(intervalSeconds);
      await write("UpdateRotationPolicy", params, o);
    },
    createKeyVersion: async (keyId, o) => {
      const body = await write("CreateKeyVersion", { KeyId: keyId }, o);
      return toKeyVersion(body.KeyVersion, `CreateKeyVersion for ${keyId}`, keyId, true);
    },
    listKeys: async (page, size, o) =>
      pageOf(await read("ListKeys", paging(page, size), o), "ListKeys", "Keys", "Key", toKeyListing),
  };
}

/** The region's aliases a page at a time, and every alias of one key. */
function aliasCalls(read: Send): Pick<Kms, "listAliases" | "listAliasesByKeyId"> {
  return {
    listAliases: async (page, size, o) =>
      pageOf(
        await read("ListAliases", paging(page, size), o),
        "ListAliases",
        "Aliases",
        "Alias",
        toAliasListing,
      ),
    listAliasesByKeyId: (keyId, o) => allAliases(read, keyId, o),
  };
}

/** Every tag of a key in one answer, and tags set on it. */
function tagCalls(read: Send, write: Send): Pick<Kms, "listResourceTags" | "tagResource"> {
  return {
    // ListResourceTags has no paging parameters: one answer carries every tag of the key.
    listResourceTags: async (keyId, o) =>
      listOf(
        await read("ListResourceTags", { KeyId: keyId }, o),
        `ListResourceTags for ${keyId}`,
        "Tags",
        "Tag",
      ).map((raw) => toTag(raw, `ListResourceTags for ${keyId}`)),
    tagResource: async (keyId, tags, o) => {
      const Tags = JSON.stringify(tags.map((t) => ({ TagKey: t.key, TagValue: t.value })));
      await write("TagResource", { KeyId: keyId, Tags }, o);
    },
  };
}

/** A signing key's public key per version, and a signature over a digest. */
function signingCalls(read: Send, write: Send): Pick<Kms, "getPublicKey" | "asymmetricSign"> {
  return {
    getPublicKey: async (keyId, keyVersionId, o) =>
      toPublicKey(await read("GetPublicKey", { KeyId: keyId, KeyVersionId: keyVersionId }, o), {
        keyId,
        keyVersionId,
      }),
    asymmetricSign: async (keyId, keyVersionId, algorithm, digest, o) => {
      const Digest = Buffer.from(digest).toString("base64");
      const params = { KeyId: keyId, KeyVersionId: keyVersionId, Algorithm: algorithm, Digest };
      return toSignature(await write("AsymmetricSign", params, o), { keyId, keyVersionId });
    },
  };
}

async function allAliases(read: Send, keyId: string, call?: CallOptions): Promise<readonly AliasListing[]> {
  return collectPages(async (page) =>
    pageOf(
      await read("ListAliasesByKeyId", { KeyId: keyId, ...paging(page, MAX_PAGE_SIZE) }, call),
      `ListAliasesByKeyId for ${keyId}`,
      "Aliases",
      "Alias",
      toAliasListing,
    ),
  );
}
