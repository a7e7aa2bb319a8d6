// Key and version ids in the service's two forms: UUIDs for shared keys, and for keys in a KMS instance
// `key-<region code><18 of [0-9a-z]>` with versions `<key id>-<10 of [0-9a-z]>`, as the service's pages show
// (`key-hzz62f1cb66fa42qo****`, `key-hzz62f1cb66fa42qo****-20v29b****`). The suffixes are random, not the service's.

import { randomInt } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The pages show `hzz` for cn-hangzhou; the other codes are invented in the same shape. */
const REGION_CODES: Readonly<Record<string, string>> = {
  "cn-hangzhou": "hzz",
  "cn-shanghai": "shh",
  "cn-beijing": "bjj",
  "cn-shenzhen": "szz",
};

function randomText(length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[randomInt(ALPHABET.length)];
  return text;
}

function regionCode(region: string): string {
  const known = REGION_CODES[region];
  if (known) return known;
  const letters = (
    region
      .split("-")
      .slice(1)
      .join("")
      .replace(/[^a-z]/g, "") || "xxx"
  ).padEnd(3, "x");
  return letters.slice(0, 3);
}

/** The id a new key gets: an instance key's `key-…` form, or a UUID from `newId`. */
export function newKeyId(region: string, inInstance: boolean, newId: () => string): string {
  return inInstance ? `key-${regionCode(region)}${randomText(18)}` : newId();
}

/** The id a new version of `key` gets: `<keyId>-<suffix>` in a KMS instance, else a UUID from `newId`. */
export function newVersionId(
  key: { readonly keyId: string; readonly dkmsInstanceId?: string },
  newId: () => string,
): string {
  return key.dkmsInstanceId !== undefined ? `${key.keyId}-${randomText(10)}` : newId();
}
