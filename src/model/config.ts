// The normalised configuration: what the YAML file says, checked, with intervals in seconds.

import type { RotationPolicy } from "./policy.js";
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
  readonly rotation: RotationPolicy;
  readonly source?: SourcePosition;
}

export type ProviderConfig =
  | {
      readonly kind: "alibaba";
      readonly region?: string;
      /** region -> endpoint URL (VPC endpoint, emulator); absent regions use kms.<region>.aliyuncs.com */
      readonly endpoints: Readonly<Record<string, string>>;
      /** Requests per second per operation group in each region; groups left out keep the default. */
      readonly quota?: Readonly<Partial<Record<"read" | "write" | "create", number>>>;
    }
  | {
      readonly kind: "local";
      /** Absolute path of the emulator state file. */
      readonly state: string;
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
  readonly keys: readonly DesiredKey[];
  readonly ignore: readonly IgnoreRule[];
}
