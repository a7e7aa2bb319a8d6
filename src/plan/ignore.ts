// Drift ignore rules: keys the file deliberately does not manage, by alias/id/ARN pattern or by tag.

import type { IgnoreRule } from "../model/index.js";

export interface KeyIdentity {
  readonly keyId: string;
  readonly arn: string;
  readonly aliases: readonly string[];
  readonly tags: readonly { readonly key: string; readonly value: string }[];
}

export function isIgnored(rules: readonly IgnoreRule[], key: KeyIdentity): boolean {
  return rules.some((rule) => matches(rule, key));
}

function matches(rule: IgnoreRule, key: KeyIdentity): boolean {
  const byName =
    rule.key === undefined ||
    [key.keyId, key.arn, ...key.aliases].some((n) => glob(rule.key as string).test(n));
  const tag = rule.tag;
  const byTag =
    tag === undefined ||
    key.tags.some((t) => t.key === tag.key && (tag.value === undefined || t.value === tag.value));
  return byName && byTag;
}

const cache = new Map<string, RegExp>();

/** `*` matches any run of characters; everything else is literal. */
export function glob(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    re = new RegExp(`^${body}$`);
    cache.set(pattern, re);
  }
  return re;
}
