// The emulator's signatures over caller-computed digests, checked by independent verifiers: node:crypto
// (which hashes the message itself) for RSA and ECDSA, the openssl CLI for SM2DSA; and the other way round.

import { execFileSync } from "node:child_process";
import { constants, createHash, createPrivateKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  generateMaterial,
  publicKeyPem,
  type SigningAlgorithm,
  sign,
  verify,
} from "../../../../src/emulator/core/crypto/material.js";

const CASES: readonly [string, SigningAlgorithm][] = [
  ["RSA_2048", "RSA_PSS_SHA_256"],
  ["RSA_2048", "RSA_PKCS1_SHA_256"],
  ["RSA_3072", "RSA_PSS_SHA_256"],
  ["RSA_3072", "RSA_PKCS1_SHA_256"],
  ["EC_P256", "ECDSA_SHA_256"],
  ["EC_P256K", "ECDSA_SHA_256"],
  ["EC_SM2", "SM2DSA"],
];

const work = mkdtempSync(join(tmpdir(), "kms-crypto-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const materials = new Map<string, string>();
function material(spec: string): string {
  let pem = materials.get(spec);
  if (!pem) {
    pem = generateMaterial(spec);
    materials.set(spec, pem);
  }
  return pem;
}

/** node:crypto's own verifier, over the message (it hashes it itself). */
function nodeVerifies(alg: SigningAlgorithm, publicPem: string, message: Buffer, signature: Buffer): boolean {
  const key =
    alg === "RSA_PSS_SHA_256"
      ? { key: publicPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
      : { key: publicPem, dsaEncoding: "der" as const };
  return nodeVerify("sha256", message, key, signature);
}

/** `openssl pkeyutl` signs and verifies an SM2 digest as given (an SM2-curve key is an SM2 key in OpenSSL 3). */
function openssl(args: string[]): boolean {
  try {
    execFileSync("openssl", ["pkeyutl", ...args], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
}

describe("signatures over a digest", () => {
  for (const [spec, alg] of CASES) {
    it(`${spec} ${alg}: an independent verifier accepts ours, and ours accepts theirs`, () => {
      const pem = material(spec);
      const publicPem = publicKeyPem(pem);
      expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
      for (let round = 0; round < 5; round++) {
        const message = Buffer.from(`message ${round} of ${spec}`);
        const digest = createHash(alg === "SM2DSA" ? "sm3" : "sha256")
          .update(message)
          .digest();
        const signature = sign(spec, pem, alg, digest);
        const tampered = Buffer.from(digest);
        tampered[round] = (tampered[round] as number) ^ 1;
        expect(verify(spec, pem, alg, digest, signature)).toBe(true);
        expect(verify(spec, pem, alg, tampered, signature)).toBe(false);
        if (alg === "SM2DSA") {
          const files = {
            pub: join(work, "pub.pem"),
            key: join(work, "key.pem"),
            d: join(work, "d"),
            s: join(work, "s"),
          };
          writeFileSync(files.pub, publicPem);
          writeFileSync(files.key, pem);
          writeFileSync(files.d, digest);
          writeFileSync(files.s, signature);
          const check = ["-verify", "-pubin", "-inkey", files.pub, "-in", files.d, "-sigfile", files.s];
          expect(openssl(check)).toBe(true);
          writeFileSync(files.d, tampered);
          expect(openssl(check)).toBe(false);
          writeFileSync(files.d, digest);
          expect(openssl(["-sign", "-inkey", files.key, "-in", files.d, "-out", files.s])).toBe(true);
          expect(verify(spec, pem, alg, digest, readFileSync(files.s))).toBe(true);
          continue;
        }
        expect(nodeVerifies(alg, publicPem, message, signature)).toBe(true);
        expect(nodeVerifies(alg, publicPem, Buffer.from("another message"), signature)).toBe(false);
        const theirs =
          alg === "RSA_PSS_SHA_256"
            ? nodeSign("sha256", message, {
                key: createPrivateKey(pem),
                padding: constants.RSA_PKCS1_PSS_PADDING,
                saltLength: 32,
              })
            : nodeSign("sha256", message, createPrivateKey(pem));
        expect(verify(spec, pem, alg, digest, theirs)).toBe(true);
      }
    });
  }

  it("PSS salts are 32 bytes and fresh: two signatures of one digest differ, both verify with saltLength 32", () => {
    const pem = material("RSA_2048");
    const message = Buffer.from("same");
    const digest = createHash("sha256").update(message).digest();
    const [a, b] = [
      sign("RSA_2048", pem, "RSA_PSS_SHA_256", digest),
      sign("RSA_2048", pem, "RSA_PSS_SHA_256", digest),
    ];
    expect(a.equals(b)).toBe(false);
    const strict = { key: publicKeyPem(pem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(nodeVerify("sha256", message, strict, a)).toBe(true);
    expect(nodeVerify("sha256", message, { ...strict, saltLength: 20 }, a)).toBe(false);
  });

  it("garbage is no signature, whatever its length", () => {
    for (const [spec, alg] of CASES) {
      const pem = material(spec);
      const digest = createHash("sha256").update("x").digest();
      for (const junk of [
        Buffer.alloc(0),
        Buffer.alloc(1),
        Buffer.alloc(72, 0x30),
        Buffer.alloc(256, 0xff),
      ]) {
        expect(verify(spec, pem, alg, digest, junk)).toBe(false);
      }
    }
  });
});
