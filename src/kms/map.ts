// Turns the service's raw JSON bodies (PascalCase, every field kept) into our types.

import type { AutomaticRotation, ObservedKey } from "../model/index.js";
import { KmsError } from "./errors.js";
import type { AliasListing, KeyListing, KeyVersion, Page, PublicKey, Signature, Tag } from "./types.js";

export type Body = Readonly<Record<string, unknown>>;

/**
 * Who made a key. Customer keys carry the numeric uid of the account or RAM user that created them
 * in `Creator`; service-managed keys carry the managing service's name instead (`Oss`, `Ecs` ...).
 * A key with no Creator at all is treated as the customer's: the service rejects any change it
 * cannot make, so the cost of guessing wrong is one refused write, not a silent skip.
 */
export function creatorTypeOf(creator: string | undefined): "User" | "Service" {
  if (creator === undefined || creator.trim() === "") return "User";
  return /^\d+$/.test(creator.trim()) ? "User" : "Service";
}

/** `"2592000s"` -> 2592000. The service reports seconds; a bare number is read as seconds too. */
export function parseRotationInterval(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^\s*(\d+)\s*s?\s*$/.exec(text);
  if (!match?.[1]) return undefined;
  const seconds = Number(match[1]);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

export function toObservedKey(body: Body, region: string): ObservedKey {
  const meta = recordOf(body.KeyMetadata) ?? {};
  const text = (name: string): string => stringOf(meta[name]) ?? "";
  const optional = <K extends keyof ObservedKey>(key: K, value: ObservedKey[K] | undefined) =>
    value === undefined || value === "" ? {} : ({ [key]: value } as Pick<ObservedKey, K>);
  return {
    keyId: text("KeyId"),
    arn: text("Arn"),
    region,
    keyState: text("KeyState"),
    keySpec: text("KeySpec"),
    keyUsage: text("KeyUsage"),
    origin: text("Origin"),
    protectionLevel: text("ProtectionLevel"),
    creatorType: creatorTypeOf(stringOf(meta.Creator)),
    ...optional("dkmsInstanceId", stringOf(meta.DKMSInstanceId)),
    // Unknown values are kept as they come, like KeyState: the planner decides what they mean.
    automaticRotation: (stringOf(meta.AutomaticRotation) ?? "Disabled") as AutomaticRotation,
    ...optional("rotationInterval", parseRotationInterval(stringOf(meta.RotationInterval))),
    creationDate: text("CreationDate"),
    ...optional("deleteDate", stringOf(meta.DeleteDate)),
    ...optional("lastRotationDate", stringOf(meta.LastRotationDate)),
    ...optional("nextRotationDate", stringOf(meta.NextRotationDate)),
    ...optional("primaryKeyVersion", stringOf(meta.PrimaryKeyVersion)),
  };
}

export function toKeyVersion(raw: unknown): KeyVersion {
  const v = recordOf(raw) ?? {};
  return {
    keyId: stringOf(v.KeyId) ?? "",
    keyVersionId: stringOf(v.KeyVersionId) ?? "",
    creationDate: stringOf(v.CreationDate) ?? "",
  };
}

export function toKeyListing(raw: unknown): KeyListing {
  const k = recordOf(raw) ?? {};
  return { keyId: stringOf(k.KeyId) ?? "", arn: stringOf(k.KeyArn) ?? "" };
}

export function toAliasListing(raw: unknown): AliasListing {
  const a = recordOf(raw) ?? {};
  return {
    keyId: stringOf(a.KeyId) ?? "",
    aliasName: stringOf(a.AliasName) ?? "",
    aliasArn: stringOf(a.AliasArn) ?? "",
  };
}

/** GetPublicKey: an answer without a PEM public key is no answer (section 14). */
export function toPublicKey(body: Body): PublicKey {
  const pem = stringOf(body.PublicKey) ?? "";
  if (!/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(pem)) {
    throw invalidAnswer("GetPublicKey answered without a PEM public key");
  }
  return {
    keyId: stringOf(body.KeyId) ?? "",
    keyVersionId: stringOf(body.KeyVersionId) ?? "",
    publicKeyPem: pem,
  };
}

/** AsymmetricSign: the base64 `Value` decoded; an answer without one is no answer. */
export function toSignature(body: Body): Signature {
  const value = stringOf(body.Value) ?? "";
  if (value === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw invalidAnswer("AsymmetricSign answered without a base64 signature");
  }
  return {
    keyId: stringOf(body.KeyId) ?? "",
    keyVersionId: stringOf(body.KeyVersionId) ?? "",
    value: new Uint8Array(Buffer.from(value, "base64")),
  };
}

function invalidAnswer(message: string): KmsError {
  return new KmsError({ code: "InvalidResponse", message, retryable: false, outcomeUnknown: false });
}

export function toTag(raw: unknown): Tag {
  const t = recordOf(raw) ?? {};
  return { key: stringOf(t.TagKey) ?? "", value: stringOf(t.TagValue) ?? "" };
}

/** A page of `body[outer][inner][]` (`Keys.Key[]`) with the body's TotalCount. */
export function pageOf<T>(body: Body, outer: string, inner: string, map: (raw: unknown) => T): Page<T> {
  const items = listOf(body, outer, inner).map(map);
  const total = Number(body.TotalCount);
  return { items, totalCount: Number.isFinite(total) ? total : items.length };
}

export function listOf(body: Body, outer: string, inner: string): unknown[] {
  const list = recordOf(body[outer])?.[inner];
  if (Array.isArray(list)) return list;
  // XML-to-JSON conversions collapse a one-element list into the element itself.
  return list === undefined || list === null ? [] : [list];
}

function recordOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
