// Tags on keys: TagResource (at most 10 per call), UntagResource, ListResourceTags.

import { invalidParameter } from "./errors.js";
import { checkGate } from "./gates.js";
import { jsonParam, type Params, required } from "./params.js";
import { resolveKey } from "./resolve.js";
import type { CoreState } from "./state.js";
import type { Body, Context } from "./types.js";

const MAX_TAGS_PER_CALL = 10;

export function validTagKey(key: unknown): key is string {
  return typeof key === "string" && key.length >= 1 && key.length <= 128 && !/^(acs:|aliyun)/i.test(key);
}

function tagsParam(params: Params): [string, string][] {
  required(params, "Tags");
  const tags = jsonParam(params, "Tags");
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > MAX_TAGS_PER_CALL) {
    throw invalidParameter("Tags");
  }
  return tags.map((tag): [string, string] => {
    const { TagKey, TagValue } = (tag ?? {}) as { TagKey?: unknown; TagValue?: unknown };
    if (!validTagKey(TagKey) || typeof TagValue !== "string" || TagValue.length > 128) {
      throw invalidParameter("Tags");
    }
    return [TagKey, TagValue];
  });
}

function tagKeysParam(params: Params): string[] {
  required(params, "TagKeys");
  const keys = jsonParam(params, "TagKeys");
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > MAX_TAGS_PER_CALL) {
    throw invalidParameter("TagKeys");
  }
  if (!keys.every((key) => typeof key === "string")) throw invalidParameter("TagKeys");
  return keys as string[];
}

export function tagResource(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const tags = tagsParam(params);
  const key = resolveKey(state, ctx, keyIdParam);
  checkGate("TagResource", key);
  state.putKey({ ...key, tags: { ...key.tags, ...Object.fromEntries(tags) } });
  return {};
}

export function untagResource(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const tagKeys = tagKeysParam(params);
  const key = resolveKey(state, ctx, keyIdParam);
  checkGate("UntagResource", key);
  const tags = { ...key.tags };
  for (const tagKey of tagKeys) delete tags[tagKey];
  state.putKey({ ...key, tags });
  return {};
}

export function listResourceTags(state: CoreState, ctx: Context, params: Params): Body {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  const tags = Object.entries(key.tags).map(([TagKey, TagValue]) => ({ KeyId: key.keyId, TagKey, TagValue }));
  return { Tags: { Tag: tags } };
}
