// What `publish` found: the verification keys of every declared signing key, by version (section 12).

import type { ShardInfo } from "./shard.js";
import type { VersionState } from "./signing.js";

export interface PublishedVersion {
  readonly keyVersionId: string;
  readonly state: Exclude<VersionState, "retired">;
  /** ISO-8601 UTC: when KMS made the version. */
  readonly createdAt: string;
  readonly activeSince?: string;
  /** A previous version: the instant it stops being published. */
  readonly publishedUntil?: string;
  /** SPKI PEM as GetPublicKey returned it. */
  readonly publicKeyPem: string;
}

export interface PublishedKey {
  readonly key: string;
  readonly keyId: string;
  readonly region: string;
  readonly account?: string;
  /** The JOSE algorithm (RS256, PS256, ES256, ES256K), or `SM2DSA` for an SM2 key (no JOSE form). */
  readonly algorithm: string;
  /** Oldest first. */
  readonly versions: readonly PublishedVersion[];
}

export interface PublishReport {
  readonly formatVersion: 1;
  readonly now: string;
  readonly keys: readonly PublishedKey[];
  /** With `--shard`: which shard, and its (account, region) units, so `render` can tell a set is whole. */
  readonly shard?: ShardInfo;
}

/** Keys in one stable order for every view (jwks, pem, json): by key as written, then region and account. */
export function publishOrder(keys: readonly PublishedKey[]): PublishedKey[] {
  const id = (k: PublishedKey) => [k.key, k.region, k.account ?? "", k.keyId].join("\u0000");
  return [...keys].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}
