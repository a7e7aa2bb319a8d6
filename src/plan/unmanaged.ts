// Unmanaged keys for drift: keys found in a declared region that the file neither declares nor ignores.

import type { DriftEntry, IgnoreRule, ObservedKey } from "../model/index.js";
import type { KeyIdentity } from "./ignore.js";
import { isIgnored } from "./ignore.js";
import { observedPolicy } from "./observed-policy.js";

export interface ListedKey {
  readonly key: ObservedKey;
  /** Sorted alias names, `alias/...`. */
  readonly aliases: readonly string[];
  readonly tags: KeyIdentity["tags"];
}

/** One `unmanaged` entry per listed key no ignore rule covers, named by its first alias, else its id. */
export function unmanagedEntries(listed: readonly ListedKey[], ignore: readonly IgnoreRule[]): DriftEntry[] {
  return listed.flatMap(({ key, aliases, tags }) =>
    isIgnored(ignore, { keyId: key.keyId, arn: key.arn, aliases, tags })
      ? []
      : [
          {
            key: aliases[0] ?? key.keyId,
            keyId: key.keyId,
            region: key.region,
            status: "unmanaged" as const,
            actual: observedPolicy(key),
          },
        ],
  );
}
