// The normalised configuration: what the YAML file says, checked, with intervals in seconds.

import type { CompliancePolicy, KeyException } from "./compliance.js";
import type { RotationPolicy } from "./policy.js";
import type { SigningPolicy } from "./signing.js";
import type { SourcePosition } from "./source.js";

/** How a key is named in the file: an id, `alias/<name>`, or `acs:kms:<region>:<uid>:key/<id>`. */
export type KeyRef =
  | { readonly kind: "id"; readonly keyId: string }
  | { readonly kind: "alias"; readonly alias: string }
  | { readonly kind: "arn"; readonly keyId: string; readonly region: string; readonly account: string };

export interface DesiredKey {
  /** Exactly as written in the file; what users see in every report. */
  readonly key: string;
  readonly ref: KeyRef;
  readonly region: string;
  /** The 16-digit account uid: the key's own `account`, its ARN's, or `defaults.account`; absent when none says. */
  readonly account?: string;
  readonly rotation: RotationPolicy;
  readonly source?: SourcePosition;
  /** An exemption from `policy:` until a date. */
  readonly exception?: KeyException;
  /** Where `rotation.mode` and `rotation.interval` are written, for policy problems. */
  readonly rotationSource?: { readonly mode?: SourcePosition; readonly interval?: SourcePosition };
  /** `signing:` (section 12): publish-ahead and verify-for windows of a manual signing key. */
  readonly signing?: SigningPolicy;
  /** Where `signing:` and its `algorithm` are written, for problems found at plan time. */
  readonly signingSource?: { readonly at?: SourcePosition; readonly algorithm?: SourcePosition };
}

/** Requests per second per operation group. */
export interface QuotaConfig {
  readonly read?: number;
  readonly write?: number;
  readonly create?: number;
}

/** One account of `provider.alibaba.accounts`: where its credentials come from, its endpoints and quota. */
export interface AccountConfig {
  /** A profile of the standard credentials file. */
  readonly profile?: string;
  /** A RAM role of this account, assumed with the default chain's credentials. */
  readonly roleArn?: string;
  /** Where AssumeRole is sent; default the public STS endpoint. */
  readonly stsEndpoint?: string;
  /** region -> endpoint URL for this account; over the provider's `endpoints`. */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly quota?: QuotaConfig;
}

export type ProviderConfig =
  | {
      readonly kind: "alibaba";
      readonly region?: string;
      /** region -> endpoint URL (VPC endpoint, emulator); absent regions use kms.<region>.aliyuncs.com */
      readonly endpoints: Readonly<Record<string, string>>;
      /** Requests per second per operation group in each region; groups left out keep the default. */
      readonly quota?: QuotaConfig;
      /** uid -> account; absent when the file lists none (every key then uses the default chain). */
      readonly accounts?: Readonly<Record<string, AccountConfig>>;
    }
  | {
      readonly kind: "local";
      /** Absolute path of the emulator state file (of the home region; others are named by region). */
      readonly state: string;
      /** The region whose state is `state` in a new state: the config's own (not a shard's first). */
      readonly home?: string;
      /** Absolute path of the seed fleet file, if any. */
      readonly seed?: string;
      readonly region?: string;
    };

/** A drift ignore rule: keys the file deliberately does not manage. */
export interface IgnoreRule {
  /** Glob over alias names (`alias/test-*`), key ids or ARNs; `*` matches any run of characters. */
  readonly key?: string;
  /** Tag key, optionally with a value that must match too. */
  readonly tag?: { readonly key: string; readonly value?: string };
  readonly source?: SourcePosition;
}

export interface Config {
  /** The file it was read from, as given by the user. */
  readonly file: string;
  readonly version: 1;
  readonly provider: ProviderConfig;
  readonly defaultRegion?: string;
  /** Where the region of keys that name none is written (defaults.region, else the provider's). */
  readonly fallbackRegionSource?: SourcePosition;
  readonly defaultAccount?: string;
  readonly keys: readonly DesiredKey[];
  readonly ignore: readonly IgnoreRule[];
  /** Organisation-wide rules (`policy:`), when the file states them. */
  readonly policy?: CompliancePolicy;
}
