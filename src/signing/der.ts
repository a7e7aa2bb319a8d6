// KMS returns ECDSA signatures DER-encoded (SEQUENCE of two INTEGERs); JOSE's ES256/ES256K want the
// fixed-width R||S form (RFC 7518 section 3.4). A small strict parser: anything else is refused.

/** DER ECDSA signature -> R||S, each `size` bytes (32 for P-256 and secp256k1). */
export function derToJose(der: Uint8Array, size = 32): Uint8Array {
  let at = 0;
  const byte = () => {
    if (at >= der.length) throw new Error("ECDSA signature: truncated DER");
    return der[at++] as number;
  };
  const length = () => {
    const first = byte();
    if (first < 0x80) return first;
    const count = first & 0x7f;
    if (count === 0 || count > 2) throw new Error("ECDSA signature: bad DER length");
    let value = 0;
    for (let i = 0; i < count; i++) value = (value << 8) | byte();
    return value;
  };
  if (byte() !== 0x30) throw new Error("ECDSA signature: not a DER SEQUENCE");
  if (length() !== der.length - at) throw new Error("ECDSA signature: DER length does not match");
  const integer = () => {
    if (byte() !== 0x02) throw new Error("ECDSA signature: not a DER INTEGER");
    const n = length();
    if (n === 0 || at + n > der.length) throw new Error("ECDSA signature: bad INTEGER");
    let bytes = der.subarray(at, at + n);
    at += n;
    while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) throw new Error("ECDSA signature: INTEGER too long for the curve");
    const out = new Uint8Array(size);
    out.set(bytes, size - bytes.length);
    return out;
  };
  const r = integer();
  const s = integer();
  if (at !== der.length) throw new Error("ECDSA signature: trailing bytes after DER");
  const jose = new Uint8Array(size * 2);
  jose.set(r, 0);
  jose.set(s, size);
  return jose;
}
