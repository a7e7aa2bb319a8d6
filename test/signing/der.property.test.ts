// ECDSA signatures from DER (as KMS returns them) to JOSE's R||S: every signature node:crypto makes on
// P-256 and secp256k1 verifies in its IEEE P1363 form after conversion; any DER encoding of R and S,
// short (leading zeros dropped) or padded (high bit set), gives them back; anything else is refused.

import { generateKeyPairSync, sign, verify } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { derToJose } from "../../src/signing/der.js";

const curves = ["prime256v1", "secp256k1"].map((namedCurve) => ({
  namedCurve,
  ...generateKeyPairSync("ec", { namedCurve }),
}));

describe("derToJose", () => {
  it("gives the P1363 form node:crypto verifies, for any message on either curve", () => {
    const signed = [0, 0];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 1 }), (message, c) => {
        const { privateKey, publicKey } = curves[c] as (typeof curves)[number];
        signed[c] = (signed[c] as number) + 1;
        const der = sign("sha256", message, { key: privateKey, dsaEncoding: "der" });
        const jose = derToJose(der);
        expect(jose).toHaveLength(64);
        expect(verify("sha256", message, { key: publicKey, dsaEncoding: "ieee-p1363" }, jose)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Both curves were signed on.
    expect(Math.min(...signed)).toBeGreaterThan(0);
  });

  it("gives back R and S of any DER encoding, leading zeros dropped or padded", () => {
    const integer = (bytes: Uint8Array) => {
      let at = 0;
      while (at < bytes.length - 1 && bytes[at] === 0) at++;
      const trimmed = bytes.subarray(at);
      // DER pads with a zero byte when the high bit is set (the INTEGER would read as negative).
      const body = (trimmed[0] as number) & 0x80 ? [0, ...trimmed] : [...trimmed];
      return [0x02, body.length, ...body];
    };
    const seen = { short: 0, padded: 0 };
    const scalar = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.uint8Array({ minLength: 32, maxLength: 32 }));
    fc.assert(
      fc.property(scalar, scalar, ([zr, r], [zs, s]) => {
        r.fill(0, 0, zr);
        s.fill(0, 0, zs);
        const body = [...integer(r), ...integer(s)];
        if (zr > 0 || zs > 0) seen.short++;
        if (((r[0] as number) & 0x80) !== 0) seen.padded++;
        const jose = derToJose(new Uint8Array([0x30, body.length, ...body]));
        expect([...jose]).toEqual([...r, ...s]);
      }),
      { numRuns: 500 },
    );
    expect(seen.short).toBeGreaterThan(0);
    expect(seen.padded).toBeGreaterThan(0);
  });

  it("refuses what is not one DER SEQUENCE of two INTEGERs", () => {
    expect(() => derToJose(new Uint8Array([0x31, 0x00]))).toThrow(/SEQUENCE/);
    expect(() => derToJose(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow();
    expect(() => derToJose(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]))).toThrow();
  });
});
