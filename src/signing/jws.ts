// A compact JWS (a JWT when the payload is a claims object) signed by KMS with the active version:
// the digest is computed here, AsymmetricSign signs it, and an ECDSA answer is turned into R||S.

import { createHash } from "node:crypto";
import { kmsSignAlgorithm } from "../model/index.js";
import { activeVersion, kmsFor, type SigningKeyOptions } from "./active-key.js";
import { derToJose } from "./der.js";

export interface SignJwsOptions extends SigningKeyOptions {
  /** Extra protected header members (`typ`, `cty` ...); `alg` and `kid` are always the active key's. */
  readonly header?: Readonly<Record<string, unknown>>;
}

const b64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64url");

/**
 * Signs `payload` as a compact JWS with the key's active version (`kid` = its KeyVersionId). A claims
 * object is serialised as JSON with `typ: "JWT"`; a string or bytes are signed as given.
 *
 * @example
 * ```ts
 * import { signJws } from "kms-rotation/signing";
 * const now = Math.floor(Date.now() / 1000);
 * const token = await signJws(
 *   { sub: "user-42", iat: now, exp: now + 3600 },
 *   { key: "alias/id-token-signer", region: "cn-hangzhou" },
 * );
 * console.log(token.split(".").length); // 3
 * ```
 */
export async function signJws(
  payload: string | Uint8Array | Readonly<Record<string, unknown>>,
  options: SignJwsOptions,
): Promise<string> {
  const { value: active, keySpec } = await activeVersion(options);
  const claims = typeof payload === "object" && !(payload instanceof Uint8Array);
  const header = {
    ...(claims ? { typ: "JWT" } : {}),
    ...options.header,
    alg: active.algorithm,
    kid: active.keyVersionId,
  };
  const body = claims ? JSON.stringify(payload) : payload;
  const input = `${b64url(JSON.stringify(header))}.${b64url(body)}`;
  const digest = createHash("sha256").update(input).digest();
  const algorithm = kmsSignAlgorithm(active.algorithm);
  const signed = await kmsFor(options).asymmetricSign(active.keyId, active.keyVersionId, algorithm, digest);
  return `${input}.${b64url(joseSignature(signed.value, keySpec, options.key))}`;
}

/** RSA modulus bytes per key spec: a PKCS#1/PSS signature is exactly that long (RFC 8017 section 8). */
const RSA_BYTES: Readonly<Record<string, number>> = { RSA_2048: 256, RSA_3072: 384 };

/**
 * The signature in JOSE's form, held to the key's shape: an RSA signature of exactly the modulus
 * length, an ECDSA one DER that converts to R||S of the curve's size (32 bytes for P-256/secp256k1).
 * A signature of another shape is KMS's answer gone wrong: throw rather than hand out a bad token.
 */
function joseSignature(value: Uint8Array, keySpec: string, key: string): Uint8Array {
  const rsa = RSA_BYTES[keySpec];
  if (rsa !== undefined) {
    if (value.length !== rsa)
      throw new Error(
        `${key}: KMS answered AsymmetricSign with ${value.length} bytes, not the ${rsa} of ${keySpec}`,
      );
    return value;
  }
  try {
    return derToJose(value, 32);
  } catch (error) {
    throw new Error(`${key}: KMS answered AsymmetricSign with ${(error as Error).message}`);
  }
}
