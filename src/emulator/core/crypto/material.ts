// Key material of one asymmetric key version: made on first use (key generation is slow, so never for a
// whole fleet at seed time), kept as PKCS#8 PEM in the state, and signing/verifying by the service's algorithms.

import {
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { type EcCurve, signEc, verifyEc } from "./ec-digest.js";
import { signPkcs1, signPss, verifyPkcs1, verifyPss } from "./rsa-digest.js";

export type SigningAlgorithm = "RSA_PSS_SHA_256" | "RSA_PKCS1_SHA_256" | "ECDSA_SHA_256" | "SM2DSA";

type Material =
  | { readonly kind: "rsa"; readonly bits: number }
  | { readonly kind: "ec"; readonly curve: EcCurve; readonly opensslCurve: string };

/** Each asymmetric spec: how its material is made, and the algorithms AsymmetricSign accepts for it. */
const SPECS: Readonly<Record<string, { material: Material; algorithms: readonly SigningAlgorithm[] }>> = {
  RSA_2048: { material: { kind: "rsa", bits: 2048 }, algorithms: ["RSA_PSS_SHA_256", "RSA_PKCS1_SHA_256"] },
  RSA_3072: { material: { kind: "rsa", bits: 3072 }, algorithms: ["RSA_PSS_SHA_256", "RSA_PKCS1_SHA_256"] },
  EC_P256: {
    material: { kind: "ec", curve: "P-256", opensslCurve: "prime256v1" },
    algorithms: ["ECDSA_SHA_256"],
  },
  EC_P256K: {
    material: { kind: "ec", curve: "secp256k1", opensslCurve: "secp256k1" },
    algorithms: ["ECDSA_SHA_256"],
  },
  EC_SM2: { material: { kind: "ec", curve: "SM2", opensslCurve: "SM2" }, algorithms: ["SM2DSA"] },
};

/** The digest every algorithm signs: SHA-256, or SM3 for SM2DSA; both 32 bytes. */
export const DIGEST_LENGTH = 32;

export function hasMaterial(spec: string): boolean {
  return Object.hasOwn(SPECS, spec);
}

export function algorithmsFor(spec: string): readonly SigningAlgorithm[] {
  return Object.hasOwn(SPECS, spec) ? (SPECS[spec]?.algorithms ?? []) : [];
}

/** New private key material for `spec`, as PKCS#8 PEM. */
export function generateMaterial(spec: string): string {
  const material = SPECS[spec]?.material;
  if (!material) throw new Error(`no key material for ${spec}`);
  const pair =
    material.kind === "rsa"
      ? generateKeyPairSync("rsa", { modulusLength: material.bits })
      : generateKeyPairSync("ec", { namedCurve: material.opensslCurve });
  return pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

/** As generateMaterial, on libuv's thread pool: the emulator keeps answering while an RSA key is made. */
export function generateMaterialAsync(spec: string): Promise<string> {
  const material = SPECS[spec]?.material;
  if (!material) return Promise.reject(new Error(`no key material for ${spec}`));
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, _publicKey: KeyObject, privateKey: KeyObject) => {
      if (error) reject(error);
      else resolve(privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    };
    if (material.kind === "rsa") generateKeyPair("rsa", { modulusLength: material.bits }, done);
    else generateKeyPair("ec", { namedCurve: material.opensslCurve }, done);
  });
}

interface Parsed {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicPem: string;
  /** EC keys: the private scalar and the public point, read once. */
  ec?: { readonly secret: Buffer; readonly point: Buffer };
}

/** Parsed keys by PEM: signing is hot, parsing a PEM is not free. Bounded, oldest dropped first. */
const parsedCache = new Map<string, Parsed>();
const CACHE_LIMIT = 4096;

function parse(pem: string): Parsed {
  const cached = parsedCache.get(pem);
  if (cached) return cached;
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const parsed = {
    privateKey,
    publicKey,
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(pem, parsed);
  return parsed;
}

/** The SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`) of the material. */
export function publicKeyPem(pem: string): string {
  return parse(pem).publicPem;
}

export function sign(spec: string, pem: string, algorithm: SigningAlgorithm, digest: Buffer): Buffer {
  const { privateKey } = parse(pem);
  const material = SPECS[spec]?.material;
  if (algorithm === "RSA_PKCS1_SHA_256") return signPkcs1(privateKey, digest);
  if (algorithm === "RSA_PSS_SHA_256") return signPss(privateKey, digest);
  if (material?.kind !== "ec") throw new Error(`${algorithm} needs an EC key`);
  return signEc(material.curve, ecParts(pem).secret, digest);
}

export function verify(
  spec: string,
  pem: string,
  algorithm: SigningAlgorithm,
  digest: Buffer,
  signature: Buffer,
): boolean {
  const { publicKey } = parse(pem);
  const material = SPECS[spec]?.material;
  if (algorithm === "RSA_PKCS1_SHA_256") return verifyPkcs1(publicKey, digest, signature);
  if (algorithm === "RSA_PSS_SHA_256") return verifyPss(publicKey, digest, signature);
  if (material?.kind !== "ec") throw new Error(`${algorithm} needs an EC key`);
  return verifyEc(material.curve, ecParts(pem).point, digest, signature);
}

function ecParts(pem: string): { readonly secret: Buffer; readonly point: Buffer } {
  const parsed = parse(pem);
  parsed.ec ??= { secret: ecSecret(parsed.privateKey), point: ecPoint(parsed.publicKey) };
  return parsed.ec;
}

/**
 * The 32-byte private scalar, read from the PKCS#8 DER: its ECPrivateKey begins `02 01 01 04 20 <d>`.
 * (Node aborts the process exporting a parsed SM2 key as SEC1, and its JWK export knows no SM2.)
 */
function ecSecret(privateKey: KeyObject): Buffer {
  const der = privateKey.export({ type: "pkcs8", format: "der" });
  const at = der.indexOf(Buffer.from("0201010420", "hex"));
  if (der[0] !== 0x30 || at < 0 || der.length < at + 37)
    throw new Error("unexpected EC private key encoding");
  return der.subarray(at + 5, at + 5 + 32);
}

/** The uncompressed SEC1 point: the last 65 bytes of the SPKI DER's BIT STRING. */
function ecPoint(publicKey: KeyObject): Buffer {
  const der = publicKey.export({ type: "spki", format: "der" });
  const point = der.subarray(der.length - 65);
  if (point[0] !== 0x04) throw new Error("unexpected EC public key encoding");
  return point;
}
