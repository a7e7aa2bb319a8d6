// GetPublicKey, AsymmetricSign and AsymmetricVerify (CONTRACT section 12): real key material per version,
// made on the version's first use and kept in the state, so a restart signs with the same key.

import {
  algorithmsFor,
  DIGEST_LENGTH,
  generateMaterial,
  hasMaterial,
  publicKeyPem,
  type SigningAlgorithm,
  sign,
  verify,
} from "./crypto/material.js";
import { invalidParameter, unsupported, versionNotFound } from "./errors.js";
import { checkGate } from "./gates.js";
import { type Params, required } from "./params.js";
import { resolveKey } from "./resolve.js";
import type { CoreState } from "./state.js";
import type { Body, Context, KeyRecord, VersionRecord } from "./types.js";

const SIGN_VERIFY = "SIGN/VERIFY";

export function getPublicKey(state: CoreState, ctx: Context, params: Params): Body {
  const { key, version } = versionOf(state, ctx, params, "GetPublicKey");
  if (!hasMaterial(key.spec)) throw unsupported("GetPublicKey is supported only for asymmetric keys.");
  const pem = materialOf(state, ctx, key, version);
  return { KeyId: key.keyId, KeyVersionId: version.id, PublicKey: publicKeyPem(pem) };
}

export function asymmetricSign(state: CoreState, ctx: Context, params: Params): Body {
  const { key, version, algorithm, digest } = signingCall(state, ctx, params, "AsymmetricSign");
  const pem = materialOf(state, ctx, key, version);
  const value = sign(key.spec, pem, algorithm, digest).toString("base64");
  return { KeyId: key.keyId, KeyVersionId: version.id, Value: value };
}

export function asymmetricVerify(state: CoreState, ctx: Context, params: Params): Body {
  const signature = base64(required(params, "Value"), "Value");
  const { key, version, algorithm, digest } = signingCall(state, ctx, params, "AsymmetricVerify");
  const pem = materialOf(state, ctx, key, version);
  return {
    KeyId: key.keyId,
    KeyVersionId: version.id,
    Value: verify(key.spec, pem, algorithm, digest, signature),
  };
}

function versionOf(state: CoreState, ctx: Context, params: Params, action: string) {
  const keyIdParam = required(params, "KeyId");
  const versionId = required(params, "KeyVersionId");
  const key = resolveKey(state, ctx, keyIdParam);
  const version = key.versions.find((candidate) => candidate.id === versionId);
  if (!version) throw versionNotFound();
  checkGate(action, key);
  return { key, version };
}

/** Everything a sign or verify call names, checked before any material is made. */
function signingCall(state: CoreState, ctx: Context, params: Params, action: string) {
  const algorithmParam = required(params, "Algorithm");
  const digestParam = required(params, "Digest");
  const { key, version } = versionOf(state, ctx, params, action);
  if (!hasMaterial(key.spec)) throw unsupported(`${action} is supported only for asymmetric keys.`);
  if (key.usage !== SIGN_VERIFY) {
    throw unsupported(`${action} needs a key whose KeyUsage is ${SIGN_VERIFY}; this key's is ${key.usage}.`);
  }
  const algorithm = algorithmsFor(key.spec).find((candidate) => candidate === algorithmParam);
  if (!algorithm) {
    throw invalidParameter("Algorithm", `${key.spec} signs with ${algorithmsFor(key.spec).join(" or ")}.`);
  }
  const digest = base64(digestParam, "Digest");
  if (digest.length !== DIGEST_LENGTH) {
    throw invalidParameter("Digest", `It must be the base64 of a ${DIGEST_LENGTH}-byte hash.`);
  }
  return { key, version, algorithm: algorithm as SigningAlgorithm, digest };
}

/** The version's material, made now if it has none yet (a state change: journaled before the answer). */
function materialOf(state: CoreState, ctx: Context, key: KeyRecord, version: VersionRecord): string {
  if (version.material !== undefined) return version.material;
  const material = ctx.takeMaterial?.(version.id) ?? generateMaterial(key.spec);
  const versions = key.versions.map((candidate) =>
    candidate === version ? { ...version, material } : candidate,
  );
  state.putKey({ ...key, versions });
  return material;
}

/** Strict base64 (the standard alphabet, padded): anything else is refused, not half-read. */
function base64(text: string, name: string): Buffer {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    throw invalidParameter(name, "It must be base64.");
  }
  return Buffer.from(text, "base64");
}
