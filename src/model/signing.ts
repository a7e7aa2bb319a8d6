// Signing keys (CONTRACT section 12): the declared publish-ahead and verify-for windows, the pointer tags
// that name the active version, and what KMS showed of a signing key's versions. Seconds throughout.

import { DAY, HOUR } from "./duration.js";

/** The JOSE algorithms a KMS signing key can serve (RFC 7518, RFC 8812). */
export type JoseAlgorithm = "RS256" | "PS256" | "ES256" | "ES256K";
export const JOSE_ALGORITHMS: readonly JoseAlgorithm[] = ["RS256", "PS256", "ES256", "ES256K"];

export const DEFAULT_PUBLISH_AHEAD = DAY;
export const DEFAULT_VERIFY_FOR = 7 * DAY;
/** Neither window may be shorter than this: verifiers refetch key sets on the order of an hour. */
export const MIN_SIGNING_WINDOW = HOUR;

/** The tags on the key that every signer reads: the one pointer to the active version. */
export const ACTIVE_VERSION_TAG = "kms-rotation:active-version";
export const ACTIVE_SINCE_TAG = "kms-rotation:active-since";

export interface SigningPolicy {
  readonly publishAhead: number;
  readonly verifyFor: number;
  /** As declared; when absent the key's spec decides (signingAlgorithmFor). */
  readonly algorithm?: JoseAlgorithm;
}

/** One version as ListKeyVersions gives it. */
export interface SigningVersion {
  readonly keyVersionId: string;
  /** ISO-8601 UTC. */
  readonly creationDate: string;
}

/** What KMS shows of a signing key beyond DescribeKey: every version and the pointer tags. */
export interface SigningObservation {
  readonly versions: readonly SigningVersion[];
  readonly activeVersion?: string;
  readonly activeSince?: string;
}

export type VersionState = "next" | "active" | "previous" | "retired";

/**
 * The JOSE algorithm for a key spec: the declared one when the spec can serve it, else undefined.
 * RSA -> RS256 (PS256 allowed), EC_P256 -> ES256, EC_P256K -> ES256K; SM2 and symmetric specs have none.
 */
export function signingAlgorithmFor(keySpec: string, declared?: JoseAlgorithm): JoseAlgorithm | undefined {
  const allowed = algorithmsFor(keySpec);
  if (declared === undefined) return allowed[0];
  return allowed.includes(declared) ? declared : undefined;
}

export function algorithmsFor(keySpec: string): readonly JoseAlgorithm[] {
  if (keySpec.startsWith("RSA_")) return ["RS256", "PS256"];
  if (keySpec === "EC_P256") return ["ES256"];
  if (keySpec === "EC_P256K") return ["ES256K"];
  return [];
}

/** Whether a key can sign at all (an asymmetric SIGN/VERIFY key), SM2 included. */
export function canSign(keySpec: string, keyUsage: string): boolean {
  return keyUsage === "SIGN/VERIFY" && (keySpec.startsWith("RSA_") || keySpec.startsWith("EC_"));
}

/** The KMS AsymmetricSign algorithm behind a JOSE one. */
export function kmsSignAlgorithm(algorithm: JoseAlgorithm): string {
  switch (algorithm) {
    case "RS256":
      return "RSA_PKCS1_SHA_256";
    case "PS256":
      return "RSA_PSS_SHA_256";
    case "ES256":
    case "ES256K":
      return "ECDSA_SHA_256";
    default:
      return algorithm satisfies never;
  }
}
