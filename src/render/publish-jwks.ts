// The published keys as an RFC 7517 JWK Set: one JWK per version (kid = KeyVersionId, RFC 7518 member
// names), ordered by key then version creation time, members in a fixed order so the bytes are stable.
// SM2 has no JOSE form: such keys are left out here, and jwksOmissions names them for a warning.

import { createPublicKey, type JsonWebKey } from "node:crypto";
import { type PublishedKey, type PublishReport, publishOrder } from "../model/index.js";

export interface Jwk {
  readonly kty: string;
  readonly kid: string;
  readonly use: "sig";
  readonly alg: string;
  readonly n?: string;
  readonly e?: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
}

const JOSE = new Set(["RS256", "PS256", "ES256", "ES256K"]);

export { publishOrder };

/** The key set as a value: what `renderJwks` prints and what a verifier library takes. */
export function toJwks(report: PublishReport): { keys: Jwk[] } {
  const keys = publishOrder(report.keys)
    .filter((k) => JOSE.has(k.algorithm))
    .flatMap((k) => k.versions.map((v) => jwkOf(v.publicKeyPem, v.keyVersionId, k.algorithm)));
  return { keys };
}

export function renderJwks(report: PublishReport): string {
  return `${JSON.stringify(toJwks(report), null, 2)}\n`;
}

/** The keys a JWK Set cannot carry (SM2), for the warning that says so. */
export function jwksOmissions(report: PublishReport): PublishedKey[] {
  return report.keys.filter((k) => !JOSE.has(k.algorithm) && k.versions.length > 0);
}

function jwkOf(pem: string, kid: string, alg: string): Jwk {
  const jwk = createPublicKey(pem).export({ format: "jwk" }) as JsonWebKey;
  if (jwk.kty === "RSA") {
    return { kty: "RSA", kid, use: "sig", alg, n: String(jwk.n), e: String(jwk.e) };
  }
  return {
    kty: String(jwk.kty),
    kid,
    use: "sig",
    alg,
    crv: String(jwk.crv),
    x: String(jwk.x),
    y: String(jwk.y),
  };
}
