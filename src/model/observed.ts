// What KMS says a key is: DescribeKey's metadata in our vocabulary, with intervals in seconds.

import type { SigningObservation } from "./signing.js";

export type KeyState = "Enabled" | "Disabled" | "PendingDeletion" | "PendingImport";
export type AutomaticRotation = "Enabled" | "Disabled" | "Suspended";

export interface ObservedKey {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  /** KeyState as the service reports it; unknown states are kept as they come. */
  readonly keyState: KeyState | (string & {});
  readonly keySpec: string;
  readonly keyUsage: string;
  /** `Aliyun_KMS` or `EXTERNAL` (BYOK). */
  readonly origin: string;
  readonly protectionLevel: string;
  /** `User` for keys a customer made, `Service` for service-managed keys. */
  readonly creatorType: "User" | "Service";
  /** Set when the key lives in a private key store (a dedicated KMS instance). */
  readonly dkmsInstanceId?: string;
  readonly automaticRotation: AutomaticRotation;
  /** Seconds; present when automatic rotation is Enabled or Suspended. */
  readonly rotationInterval?: number;
  /** ISO-8601 UTC. */
  readonly creationDate: string;
  /** When a PendingDeletion key will be deleted. */
  readonly deleteDate?: string;
  readonly lastRotationDate?: string;
  readonly nextRotationDate?: string;
  readonly primaryKeyVersion?: string;
  /** ListKeyVersions' TotalCount, read only when a rule needs it. */
  readonly versionCount?: number;
  /** A declared signing key's versions and pointer tags, read only for keys with `signing:`. */
  readonly signing?: SigningObservation;
}

/** Why a key could not be read (after retries): KMS's code, or NetworkError, Timeout... */
export interface ReadError {
  readonly code: string;
  readonly message: string;
}

/** The outcome of looking up one declared key; `found: "unknown"` when KMS could not be read for it. */
export type Observation =
  | { readonly found: true; readonly key: ObservedKey }
  | { readonly found: false; readonly code: "KeyNotFound" | "AliasNotFound"; readonly message: string }
  | { readonly found: "unknown"; readonly error: ReadError };
