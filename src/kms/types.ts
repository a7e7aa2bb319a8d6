// The KMS the rest of the code sees: one client per region, our types in and out, never the SDK's.

import type { ObservedKey } from "../model/index.js";

export interface KmsError extends Error {
  readonly name: "KmsError";
  /** The service's code (`Forbidden.KeyNotFound`, `Rejected.Throttling`), or `NetworkError` / `Timeout`. */
  readonly code: string;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** The request id the service gave, for support tickets. */
  readonly requestId?: string;
  /** Safe to send again: the service says so (throttling, 5xx) or the call never reached it. */
  readonly retryable: boolean;
  /**
   * A write whose outcome is unknown: it may have taken effect (connection reset after sending,
   * a timeout, a 5xx). Resolve by reading, never by sending again blindly.
   */
  readonly outcomeUnknown: boolean;
}

export interface KeyVersion {
  readonly keyId: string;
  readonly keyVersionId: string;
  readonly creationDate: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}

export interface KeyListing {
  readonly keyId: string;
  readonly arn: string;
}

export interface AliasListing {
  readonly keyId: string;
  readonly aliasName: string;
  readonly aliasArn: string;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** GetPublicKey's answer: the version's public key as SPKI PEM. */
export interface PublicKey {
  readonly keyId: string;
  readonly keyVersionId: string;
  readonly publicKeyPem: string;
}

/** AsymmetricSign's answer: the signature as the service gives it (DER for ECDSA), decoded from base64. */
export interface Signature {
  readonly keyId: string;
  readonly keyVersionId: string;
  readonly value: Uint8Array;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface Kms {
  readonly region: string;
  /**
   * The service's clock as the `Date` header of its last answer told it (the emulator's carries its
   * simulated clock), moved on by the time since; undefined before any answer.
   */
  serviceNow?(): Date | undefined;
  /** keyId may be an id, `alias/<name>` or an ARN. Throws KmsError (Forbidden.KeyNotFound, Forbidden.AliasNotFound ...). */
  describeKey(keyId: string, options?: CallOptions): Promise<ObservedKey>;
  /** TotalCount of ListKeyVersions, with one small page. */
  countKeyVersions(keyId: string, options?: CallOptions): Promise<number>;
  listKeyVersions(
    keyId: string,
    page: number,
    pageSize: number,
    options?: CallOptions,
  ): Promise<Page<KeyVersion>>;
  /** intervalSeconds required when enabling. */
  updateRotationPolicy(
    keyId: string,
    enable: boolean,
    intervalSeconds: number | undefined,
    options?: CallOptions,
  ): Promise<void>;
  /**
   * Not idempotent: a retry after a lost response may make a second version. The adapter retries it only
   * when the failure proves it did not happen (throttled, never connected); any other failure that may
   * have reached the service is thrown with `outcomeUnknown: true`, to be resolved by reading the key.
   */
  createKeyVersion(keyId: string, options?: CallOptions): Promise<KeyVersion>;
  listKeys(page: number, pageSize: number, options?: CallOptions): Promise<Page<KeyListing>>;
  listAliases(page: number, pageSize: number, options?: CallOptions): Promise<Page<AliasListing>>;
  listAliasesByKeyId(keyId: string, options?: CallOptions): Promise<readonly AliasListing[]>;
  listResourceTags(keyId: string, options?: CallOptions): Promise<readonly Tag[]>;
  /**
   * Sets (adds or overwrites) tags on the key. Idempotent: sending the same tags twice leaves the same
   * key, but a lost answer is still settled by reading the tags (DESIGN convention 6).
   */
  tagResource(keyId: string, tags: readonly Tag[], options?: CallOptions): Promise<void>;
  getPublicKey(keyId: string, keyVersionId: string, options?: CallOptions): Promise<PublicKey>;
  /** `digest`: the SHA-256 of the message; `algorithm`: the service's name (RSA_PKCS1_SHA_256 ...). */
  asymmetricSign(
    keyId: string,
    keyVersionId: string,
    algorithm: string,
    digest: Uint8Array,
    options?: CallOptions,
  ): Promise<Signature>;
}
