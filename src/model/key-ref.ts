// Reading how a key is named (id, alias/<name>, ARN) and saying exactly what is wrong with a bad one.
// These rules mirror the `keyRef` pattern in schemas/config.schema.json (a test holds the two together).

import type { KeyRef } from "./config.js";

/** A region id: `cn-hangzhou`, `ap-southeast-1`. The one pattern config, import, the emulator and Pulumi use. */
export const REGION = /^[a-z]{2}(-[a-z0-9]+)+$/;

export function isRegionId(text: string): boolean {
  return REGION.test(text);
}
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9-]*$/;
const ALIAS_NAME = /^[A-Za-z0-9_/:-]{1,255}$/;
const ACCOUNT = /^[0-9]+$/;
const FORMS = "a key id, alias/<name> or acs:kms:<region>:<uid>:key/<KeyId>";

export type KeyRefResult = { readonly ref: KeyRef } | { readonly error: string };

export function parseKeyRef(text: string): KeyRefResult {
  if (text.startsWith("alias/")) return parseAlias(text);
  if (text.startsWith("acs:")) return parseArn(text);
  if (KEY_ID.test(text)) return { ref: { kind: "id", keyId: text } };
  const hint = text.includes("/") || text.includes(":") ? "" : ` (a key id has only letters, digits and "-")`;
  return { error: `${JSON.stringify(text)} is not ${FORMS}${hint}` };
}

function parseAlias(text: string): KeyRefResult {
  const name = text.slice("alias/".length);
  if (name === "") return { error: `${JSON.stringify(text)} has no alias name after "alias/"` };
  if (name.length > 255)
    return { error: `alias name is ${name.length} characters long; at most 255 are allowed` };
  if (!ALIAS_NAME.test(name)) {
    return {
      error: `${JSON.stringify(text)}: an alias name may contain only letters, digits, "_", "/", ":" and "-"`,
    };
  }
  if (name.endsWith("/")) return { error: `${JSON.stringify(text)}: an alias name must not end with "/"` };
  return { ref: { kind: "alias", alias: text } };
}

function parseArn(text: string): KeyRefResult {
  const bad = (what: string): KeyRefResult => ({
    error: `${JSON.stringify(text)} is not a valid key ARN: ${what}`,
  });
  const parts = text.split(":");
  if (parts.length !== 5)
    return bad('expected acs:kms:<region>:<uid>:key/<KeyId>, with 5 parts separated by ":"');
  const [, service, region, account, resource] = parts as [string, string, string, string, string];
  if (service !== "kms") return bad(`the service is ${JSON.stringify(service)}, expected "kms"`);
  if (!REGION.test(region)) return bad(`${JSON.stringify(region)} is not a region id (like cn-hangzhou)`);
  if (!ACCOUNT.test(account)) return bad(`the account id ${JSON.stringify(account)} must be digits`);
  if (!resource.startsWith("key/")) {
    const alias = resource.startsWith("alias/") ? `; name an alias as ${resource} instead` : "";
    return bad(`the resource must be key/<KeyId>, got ${JSON.stringify(resource)}${alias}`);
  }
  const keyId = resource.slice("key/".length);
  if (!KEY_ID.test(keyId)) return bad(`${JSON.stringify(keyId)} is not a key id (letters, digits and "-")`);
  return { ref: { kind: "arn", keyId, region, account } };
}

/** Two names are the same key when they are the same alias, or the same key id (case-insensitively, ARN or not). */
export function identityOf(ref: KeyRef): string {
  return ref.kind === "alias" ? `alias:${ref.alias}` : `id:${ref.keyId.toLowerCase()}`;
}

/** The account and region a key ARN names, or undefined for a text that is not one. */
export function arnOwner(arn: string): { readonly account: string; readonly region: string } | undefined {
  const parts = arn.split(":");
  if (parts.length !== 5 || parts[0] !== "acs" || parts[1] !== "kms") return undefined;
  const [, , region, account] = parts as [string, string, string, string, string];
  return REGION.test(region) && ACCOUNT.test(account) ? { account, region } : undefined;
}
