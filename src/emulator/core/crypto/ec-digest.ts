// ECDSA (P-256, secp256k1) and SM2 signatures over a digest the caller computed, DER-encoded as KMS returns
// them. node:crypto hashes what it signs and has no SM2 signature scheme (it signs ECDSA on the SM2 curve),
// so the curve arithmetic is @noble/curves' (audited); SM2's equations (GB/T 32918.2) are the few lines below.

import { randomBytes } from "node:crypto";
import { weierstrass } from "@noble/curves/abstract/weierstrass.js";
import { p256 } from "@noble/curves/nist.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";

export type EcCurve = "P-256" | "secp256k1" | "SM2";

const ECDSA = { "P-256": p256, secp256k1 } as const;

/** The SM2 recommended curve (GB/T 32918.5). */
const SM2 = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const Sm2Point = weierstrass(SM2);

/** A DER ECDSA or SM2 signature of `digest` (32 bytes) with the private scalar `secret` (32 bytes). */
export function signEc(curve: EcCurve, secret: Uint8Array, digest: Uint8Array): Buffer {
  if (curve === "SM2") return sm2Sign(toBigInt(secret), toBigInt(digest));
  // lowS off: any s, as OpenSSL and the service produce; verifiers accept both halves.
  return Buffer.from(ECDSA[curve].sign(digest, secret, { prehash: false, lowS: false, format: "der" }));
}

/** Whether `signature` (DER) is a valid signature of `digest` by the public key (uncompressed SEC1 point). */
export function verifyEc(curve: EcCurve, publicPoint: Uint8Array, digest: Uint8Array, signature: Uint8Array) {
  try {
    if (curve === "SM2") return sm2Verify(publicPoint, toBigInt(digest), signature);
    return ECDSA[curve].verify(signature, digest, publicPoint, {
      prehash: false,
      lowS: false,
      format: "der",
    });
  } catch {
    // Not DER, not a point, a scalar out of range: not a signature.
    return false;
  }
}

function sm2Sign(d: bigint, e: bigint): Buffer {
  const { n } = SM2;
  for (;;) {
    const k = randomScalar(n);
    const x1 = Sm2Point.BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, n);
    if (r === 0n || r + k === n) continue;
    const s = mod(invert(1n + d, n) * (k - r * d), n);
    if (s !== 0n) return derSignature(r, s);
  }
}

function sm2Verify(publicPoint: Uint8Array, e: bigint, signature: Uint8Array): boolean {
  const { n } = SM2;
  const parsed = parseDerSignature(signature);
  if (!parsed) return false;
  const { r, s } = parsed;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const P = Sm2Point.fromBytes(publicPoint);
  // Public inputs only: the variable-time multiplication is safe here, and several times faster.
  const sum = Sm2Point.BASE.multiplyUnsafe(s).add(P.multiplyUnsafe(t));
  if (sum.is0()) return false;
  return mod(e + sum.toAffine().x, n) === r;
}

function randomScalar(n: bigint): bigint {
  for (;;) {
    const k = toBigInt(randomBytes(32));
    if (k >= 1n && k < n) return k;
  }
}

function mod(a: bigint, n: bigint): bigint {
  const r = a % n;
  return r < 0n ? r + n : r;
}

/** Modular inverse by the extended Euclidean algorithm (n prime, a not a multiple of n). */
function invert(a: bigint, n: bigint): bigint {
  let [oldR, r] = [mod(a, n), n];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS, n);
}

export function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString("hex")}`);
}

/** SEQUENCE { INTEGER r, INTEGER s } in DER. */
export function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, "hex");
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02]), derLength(bytes.length), bytes]);
}

function derLength(length: number): Buffer {
  return length < 0x80 ? Buffer.from([length]) : Buffer.from([0x81, length]);
}

/** r and s of a strict-DER signature; undefined for anything else. */
export function parseDerSignature(bytes: Uint8Array): { r: bigint; s: bigint } | undefined {
  const der = Buffer.from(bytes);
  if (der[0] !== 0x30) return undefined;
  const seq = readLength(der, 1);
  if (!seq || seq.start + seq.length !== der.length) return undefined;
  const r = readInteger(der, seq.start);
  const s = r && readInteger(der, r.end);
  if (!r || !s || s.end !== der.length) return undefined;
  return { r: r.value, s: s.value };
}

function readLength(der: Buffer, at: number): { length: number; start: number } | undefined {
  const first = der[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { length: first, start: at + 1 };
  if (first !== 0x81) return undefined;
  const length = der[at + 1];
  return length === undefined || length < 0x80 ? undefined : { length, start: at + 2 };
}

function readInteger(der: Buffer, at: number): { value: bigint; end: number } | undefined {
  if (der[at] !== 0x02) return undefined;
  const len = readLength(der, at + 1);
  if (!len || len.length === 0 || len.start + len.length > der.length) return undefined;
  const bytes = der.subarray(len.start, len.start + len.length);
  // Negative, or a needless leading zero: not DER.
  if ((bytes[0] as number) & 0x80) return undefined;
  if (bytes.length > 1 && bytes[0] === 0 && !((bytes[1] as number) & 0x80)) return undefined;
  return { value: toBigInt(bytes), end: len.start + len.length };
}
