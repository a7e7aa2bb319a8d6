// Signature v3 (ACS3-HMAC-SHA256), as `@alicloud/openapi-client` 0.4.x `getAuthorization` computes it.

import { createHash, createHmac } from "node:crypto";
import { percentEncode } from "./percent-encode.js";

export const V3_ALGORITHM = "ACS3-HMAC-SHA256";

export interface V3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** `ACS3-HMAC-SHA256 Credential=id,SignedHeaders=a;b,Signature=hex`; undefined when a part is missing. */
export function parseV3Authorization(header: string): V3Authorization | undefined {
  const space = header.indexOf(" ");
  if (space < 0) return undefined;
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get("Credential");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKeyId || !signedHeaders || !signature) return undefined;
  return {
    algorithm: header.slice(0, space),
    accessKeyId,
    signedHeaders: signedHeaders.split(";").map((h) => h.trim().toLowerCase()),
    signature,
  };
}

export interface V3Request {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Every value received for a header, by lower-case name. */
  readonly header: (name: string) => readonly string[];
  readonly body: Buffer;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** METHOD, path, sorted query, signed headers, their names, the payload hash: one per line. */
export function canonicalRequestV3(request: V3Request, signedHeaders: readonly string[]): string {
  const query = Object.keys(request.query)
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(request.query[name] ?? "")}`)
    .join("&");
  const headers = signedHeaders
    .map(
      (name) =>
        `${name}:${[...request.header(name)]
          .map((v) => v.trim())
          .sort()
          .join(",")}\n`,
    )
    .join("");
  // Every occurrence: the SDK's `.replace("+", ...)` changes only the first, which its paths (always "/") never show.
  const path = request.path.replaceAll("+", "%20").replaceAll("*", "%2A").replaceAll("%7E", "~");
  return [
    request.method.toUpperCase(),
    path,
    query,
    headers,
    signedHeaders.join(";"),
    sha256Hex(request.body),
  ].join("\n");
}

export function stringToSignV3(canonicalRequest: string): string {
  return `${V3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

export function signV3(stringToSign: string, secret: string): string {
  return createHmac("sha256", secret).update(stringToSign, "utf8").digest("hex");
}
