// ListKeys: paged, with the service's Filters (JSON, up to 10 `{Key, Values}`; keys ANDed, values ORed).

import { invalidParameter } from "./errors.js";
import { jsonParam, type Params, paged, pageParams } from "./params.js";
import { isServiceManaged, keyArn } from "./resolve.js";
import type { CoreState } from "./state.js";
import type { Body, Context, KeyRecord } from "./types.js";

type Matcher = (key: KeyRecord, values: ReadonlySet<string>, aliases: AliasIndex) => boolean;
type AliasIndex = () => ReadonlyMap<string, readonly string[]>;

const MATCHERS: Readonly<Record<string, Matcher>> = {
  KeyState: (key, values) => values.has(key.state),
  KeySpec: (key, values) => values.has(key.spec),
  KeyUsage: (key, values) => values.has(key.usage),
  ProtectionLevel: (key, values) => values.has(key.protectionLevel),
  CreatorType: (key, values) => values.has(isServiceManaged(key) ? "Service" : "User"),
  DKMSInstanceId: (key, values) => key.dkmsInstanceId !== undefined && values.has(key.dkmsInstanceId),
  Creator: (key, values) => values.has(key.creator),
  AliasName: (key, values, aliases) => (aliases().get(key.keyId) ?? []).some((name) => values.has(name)),
  TagKey: (key, values) => Object.keys(key.tags).some((tagKey) => values.has(tagKey)),
  TagValue: (key, values) => Object.values(key.tags).some((value) => values.has(value)),
};

interface Filter {
  readonly match: Matcher;
  readonly values: ReadonlySet<string>;
}

function filtersParam(params: Params): Filter[] {
  const raw = jsonParam(params, "Filters");
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > 10) throw invalidParameter("Filters");
  return raw.map((entry): Filter => {
    const { Key, Values } = (entry ?? {}) as { Key?: unknown; Values?: unknown };
    const match = typeof Key === "string" ? MATCHERS[Key] : undefined;
    if (!match || !Array.isArray(Values) || !Values.every((value) => typeof value === "string")) {
      throw invalidParameter("Filters");
    }
    return { match, values: new Set(Values as string[]) };
  });
}

function aliasIndex(state: CoreState): AliasIndex {
  let index: Map<string, string[]> | undefined;
  return () => {
    if (index) return index;
    index = new Map();
    for (const alias of state.aliases.values()) {
      index.set(alias.keyId, [...(index.get(alias.keyId) ?? []), alias.name]);
    }
    return index;
  };
}

export function listKeys(state: CoreState, ctx: Context, params: Params): Body {
  const page = pageParams(params);
  const filters = filtersParam(params);
  const aliases = aliasIndex(state);
  const keys = [...state.keys.values()].filter((key) =>
    filters.every((filter) => filter.match(key, filter.values, aliases)),
  );
  const { items, counts } = paged(keys, page);
  return {
    Keys: { Key: items.map((key) => ({ KeyId: key.keyId, KeyArn: keyArn(ctx, key.keyId) })) },
    ...counts,
  };
}
