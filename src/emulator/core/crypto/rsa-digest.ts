// RSA signatures over a digest the caller already computed (SHA-256), as KMS signs them: node:crypto's
// sign() hashes its input, so the padding is built here and only the raw RSA operation is node's.

import {
  constants,
  createHash,
  type KeyObject,
  privateEncrypt,
  publicDecrypt,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

const HASH_LENGTH = 32;
/** DER of DigestInfo { sha256, NULL } before the 32 digest bytes (RFC 8017 section 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex");

/** RSASSA-PKCS1-v1_5 of a SHA-256 digest. */
export function signPkcs1(key: KeyObject, digest: Buffer): Buffer {
  return privateEncrypt(
    { key, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([SHA256_DIGEST_INFO, digest]),
  );
}

export function verifyPkcs1(key: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const expected = Buffer.concat([SHA256_DIGEST_INFO, digest]);
  const recovered = rawPublic(key, signature, constants.RSA_PKCS1_PADDING);
  return (
    recovered !== undefined && recovered.length === expected.length && timingSafeEqual(recovered, expected)
  );
}

/** RSASSA-PSS of a SHA-256 digest, MGF1-SHA-256, salt as long as the hash (RFC 8017 section 9.1.1). */
export function signPss(key: KeyObject, digest: Buffer, saltLength = HASH_LENGTH): Buffer {
  const modulusBits = modulusLength(key);
  const emBits = modulusBits - 1;
  const emLength = Math.ceil(emBits / 8);
  const salt = randomBytes(saltLength);
  const h = sha256(Buffer.alloc(8), digest, salt);
  const db = Buffer.alloc(emLength - HASH_LENGTH - 1);
  db[db.length - saltLength - 1] = 0x01;
  salt.copy(db, db.length - saltLength);
  const masked = xor(db, mgf1(h, db.length));
  masked[0] = (masked[0] as number) & (0xff >> (8 * emLength - emBits));
  const em = Buffer.concat([masked, h, Buffer.from([0xbc])]);
  const k = Math.ceil(modulusBits / 8);
  const block = Buffer.concat([Buffer.alloc(k - em.length), em]);
  return privateEncrypt({ key, padding: constants.RSA_NO_PADDING }, block);
}

/** EMSA-PSS-VERIFY with the salt length the signature carries (any, as OpenSSL's auto mode). */
export function verifyPss(key: KeyObject, digest: Buffer, signature: Buffer): boolean {
  const modulusBits = modulusLength(key);
  const emBits = modulusBits - 1;
  const emLength = Math.ceil(emBits / 8);
  const block = rawPublic(key, signature, constants.RSA_NO_PADDING);
  if (block === undefined) return false;
  const em = block.subarray(block.length - emLength);
  if (block.length - emLength > 0 && block[0] !== 0) return false;
  if (em[em.length - 1] !== 0xbc || emLength < HASH_LENGTH + 2) return false;
  const masked = em.subarray(0, emLength - HASH_LENGTH - 1);
  const h = em.subarray(emLength - HASH_LENGTH - 1, emLength - 1);
  const topBits = 0xff << (8 - (8 * emLength - emBits));
  if (((masked[0] as number) & topBits & 0xff) !== 0) return false;
  const db = xor(masked, mgf1(h, masked.length));
  db[0] = (db[0] as number) & (0xff >> (8 * emLength - emBits));
  const one = db.indexOf(0x01);
  if (one < 0 || db.subarray(0, one).some((byte) => byte !== 0)) return false;
  const salt = db.subarray(one + 1);
  return timingSafeEqual(sha256(Buffer.alloc(8), digest, salt), h);
}

function rawPublic(key: KeyObject, signature: Buffer, padding: number): Buffer | undefined {
  const k = Math.ceil(modulusLength(key) / 8);
  if (signature.length !== k) return undefined;
  try {
    return publicDecrypt({ key, padding }, signature);
  } catch {
    // Bad padding, or a value not below the modulus: not a signature of this key.
    return undefined;
  }
}

function modulusLength(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new Error("not an RSA key");
  return bits;
}

function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_LENGTH < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(sha256(seed, c));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) ^ (b[i] as number);
  return out;
}
