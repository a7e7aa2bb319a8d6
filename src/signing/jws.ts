// A compact JWS (a JWT when the payload is a claims object) signed by KMS with the active version:
// the digest is computed here, AsymmetricSign signs it, and an ECDSA answer is turned into R||S.

import { createHash } from "node:crypto";
import { kmsSignAlgorithm } from "../model/index.js";
import { activeSigningKey, kmsFor, type SigningKeyOptions } from "./active-key.js";
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
  const active = await activeSigningKey(options);
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
  const signature = algorithm === "ECDSA_SHA_256" ? derToJose(signed.value) : signed.value;
  return `${input}.${b64url(signature)}`;
}
