// Which version signs now: the key's own pointer tags (section 12), read once per cache period. Every
// signer, run and machine reads the same two tags, so none signs with a version verifiers cannot know.

import { createKms, type KmsOptions } from "../kms/client.js";
import { DEFAULT_QUOTA } from "../kms/quota.js";
import type { Kms } from "../kms/types.js";
import { ACTIVE_VERSION_TAG, canSign, type JoseAlgorithm, signingAlgorithmFor } from "../model/index.js";

export interface SigningKeyOptions {
  /** The key: its id, `alias/<name>` or ARN, as the config declares it. */
  readonly key: string;
  /** Its region, e.g. `cn-hangzhou`. */
  readonly region: string;
  /** A KMS endpoint other than the region's public one (a VPC endpoint, an emulator). */
  readonly endpoint?: string;
  /** Static credentials; default the standard Alibaba Cloud credential chain. */
  readonly credentials?: KmsOptions["credentials"];
  /** The JOSE algorithm as `signing.algorithm` declares it; default by the key's spec (RS256, ES256, ES256K). */
  readonly algorithm?: JoseAlgorithm;
  /** How long an answer is reused, in milliseconds (default 60000); 0 reads the tags on every call. */
  readonly cacheMs?: number;
  /** A client to use instead of making one (tests, or sharing one client's pacing). */
  readonly kms?: Kms;
}

export interface SigningKey {
  readonly keyId: string;
  /** The version signers use now: the JWS `kid`. */
  readonly keyVersionId: string;
  readonly algorithm: JoseAlgorithm;
}

const DEFAULT_CACHE_MS = 60_000;
/** The service's shared-gateway quota for asymmetric operations, per account and region. */
const ASYMMETRIC_CRYPTO_QPS = 200;
/** The active version with the key's spec, which the signature's shape is held to. */
export interface ActiveVersion {
  readonly value: SigningKey;
  readonly keySpec: string;
}
/** Each answer with when it was read: every call's own cacheMs bounds the age of what it is served. */
const cache = new Map<string, ActiveVersion & { readonly fetchedAt: number }>();
const clients = new Map<string, Kms>();

/** The client for these options: the caller's, or one made once per region and endpoint. */
export function kmsFor(options: SigningKeyOptions): Kms {
  if (options.kms) return options.kms;
  const id = `${options.region}\u0000${options.endpoint ?? ""}\u0000${options.credentials?.accessKeyId ?? ""}`;
  let kms = clients.get(id);
  if (!kms) {
    kms = createKms({
      region: options.region,
      // The tool's pacer groups AsymmetricSign with writes (10/s by default); this client writes nothing
      // else, so it keeps to the service's asymmetric crypto quota instead (200/s).
      quota: { ...DEFAULT_QUOTA, write: ASYMMETRIC_CRYPTO_QPS },
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    clients.set(id, kms);
  }
  return kms;
}

/**
 * The active signing version of a key, from its tags `kms-rotation:active-version` (set by
 * `kms-rotation apply`), cached for `cacheMs`. Throws when the key has no pointer yet or cannot sign.
 *
 * @example
 * ```ts
 * import { activeSigningKey } from "kms-rotation/signing";
 * const { keyId, keyVersionId, algorithm } = await activeSigningKey({
 *   key: "alias/id-token-signer",
 *   region: "cn-hangzhou",
 *   cacheMs: 5 * 60_000,
 * });
 * console.log(keyId, keyVersionId, algorithm);
 * ```
 */
export async function activeSigningKey(options: SigningKeyOptions): Promise<SigningKey> {
  return (await activeVersion(options)).value;
}

/** activeSigningKey with the key's spec (signJws checks the signature's length against it). */
export async function activeVersion(options: SigningKeyOptions): Promise<ActiveVersion> {
  const id = `${options.region}\u0000${options.endpoint ?? ""}\u0000${options.key}\u0000${options.algorithm ?? ""}`;
  const ttl = options.cacheMs ?? DEFAULT_CACHE_MS;
  const cached = cache.get(id);
  if (cached && Date.now() - cached.fetchedAt < ttl) return cached;
  const fetchedAt = Date.now();
  const kms = kmsFor(options);
  const key = await kms.describeKey(options.key);
  if (!canSign(key.keySpec, key.keyUsage)) {
    throw new Error(`${options.key} cannot sign: it is ${key.keySpec} ${key.keyUsage}`);
  }
  const algorithm = signingAlgorithmFor(key.keySpec, options.algorithm);
  if (algorithm === undefined) {
    const what = options.algorithm ?? "JOSE";
    throw new Error(`${options.key} is ${key.keySpec}: it cannot sign as ${what}`);
  }
  const tags = await kms.listResourceTags(key.keyId);
  const keyVersionId = tags.find((t) => t.key === ACTIVE_VERSION_TAG)?.value;
  if (!keyVersionId) {
    throw new Error(
      `${options.key} has no ${ACTIVE_VERSION_TAG} tag: declare it with signing: and run kms-rotation apply`,
    );
  }
  const active = { value: { keyId: key.keyId, keyVersionId, algorithm }, keySpec: key.keySpec };
  cache.set(id, { ...active, fetchedAt });
  return active;
}
