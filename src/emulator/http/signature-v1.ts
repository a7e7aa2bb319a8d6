// Signature version 1.0 (HMAC-SHA1 over the sorted, encoded parameters), as `@alicloud/rpc-client` signs.

import { createHmac } from "node:crypto";
import { percentEncode } from "./percent-encode.js";

/** `METHOD&%2F&` + the encoded canonical query of every parameter but `Signature`. */
export function stringToSignV1(method: string, params: Readonly<Record<string, string>>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name] ?? "")}`)
    .join("&");
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonical)}`;
}

/** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function signV1(stringToSign: string, secret: string): string {
  return createHmac("sha1", `${secret}&`).update(stringToSign, "utf8").digest("base64");
}
