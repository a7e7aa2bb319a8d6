// `drift --published`: a signing key whose next or active version is missing from the key set verifiers
// fetch is drifted (VersionNotPublished: they would reject what it signs); a retired version still listed
// is only worth a warning. Pure: the key set's kids come in as data.

import type { DriftEntry, KeyPlan, Observation, PublishedJwk } from "../model/index.js";
import { signingLifecycle } from "./signing.js";

export interface PublishedCheck {
  readonly entry: DriftEntry;
  /** Retired versions the set still lists. */
  readonly retiredListed: readonly string[];
  /** An SM2 key: a JWK Set cannot hold it (no JOSE form), so it was not checked against the set. */
  readonly notCheckable?: true;
}

export function checkPublished(
  entry: DriftEntry,
  kp: KeyPlan,
  observation: Observation,
  jwks: ReadonlyMap<string, PublishedJwk>,
  now: number,
): PublishedCheck {
  const signing = observation.found === true ? observation.key.signing : undefined;
  if (kp.signing === undefined || signing === undefined) return { entry, retiredListed: [] };
  // A key that is missing, blocked or unreadable says so already; the key set cannot add to that.
  if (entry.status !== "in-sync" && entry.status !== "due" && entry.status !== "drifted") {
    return { entry, retiredListed: [] };
  }
  // publish leaves SM2 out of a JWK Set by design (section 12): demanding it there would drift forever.
  if (observation.found === true && observation.key.keySpec === "EC_SM2") {
    return { entry, retiredListed: [], notCheckable: true };
  }
  const lifecycle = signingLifecycle(signing, kp.signing, now);
  if (!lifecycle.ok) return { entry, retiredListed: [] };
  const keySpec = observation.found === true ? observation.key.keySpec : "";
  const needed = lifecycle.versions.filter((v) => v.state === "next" || v.state === "active");
  const missing = needed.filter((v) => !jwks.has(v.keyVersionId)).map((v) => v.keyVersionId);
  const unusable = needed
    .filter((v) => {
      const jwk = jwks.get(v.keyVersionId);
      return jwk !== undefined && !fitsSpec(jwk, keySpec);
    })
    .map((v) => v.keyVersionId);
  const retiredListed = lifecycle.versions
    .filter((v) => v.state === "retired" && jwks.has(v.keyVersionId))
    .map((v) => v.keyVersionId);
  if (missing.length === 0 && unusable.length === 0) return { entry, retiredListed };
  const reason = {
    code: "VersionNotPublished" as const,
    keyVersionIds: [...missing, ...unusable],
    ...(unusable.length > 0 ? { unusable } : {}),
  };
  return { entry: { ...entry, status: "drifted", reason }, retiredListed };
}

/** A published entry verifiers can use for this key: a public key of the key's own type and size. */
function fitsSpec(jwk: PublishedJwk, keySpec: string): boolean {
  if (!jwk.usable) return false;
  switch (keySpec) {
    case "RSA_2048":
      return jwk.rsaBits === 2048;
    case "RSA_3072":
      return jwk.rsaBits === 3072;
    case "EC_P256":
      return jwk.curve === "prime256v1";
    case "EC_P256K":
      return jwk.curve === "secp256k1";
    default:
      return false;
  }
}
