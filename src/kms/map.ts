// Turns the service's raw JSON bodies (PascalCase, every field kept) into our types.

import {
  ASYMMETRIC_KEY_SPECS,
  arnOwner,
  MAX_AUTOMATIC_INTERVAL,
  MIN_ROTATION_INTERVAL,
  type ObservedKey,
  SYMMETRIC_KEY_SPECS,
} from "../model/index.js";
import { type Body, Fields } from "./check.js";
import { KmsError } from "./errors.js";
import type { AliasListing, KeyListing, KeyVersion, Page, PublicKey, Signature, Tag } from "./types.js";

export type { Body } from "./check.js";

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

/**
 * `"2592000s"` -> 2592000: `<integer>s` as the service writes it, within the service's range (7 to 730
 * days); anything else (`7d`, `""`, `-5s`, `604800.5s`, a bare number) is undefined.
 */
export function parseRotationInterval(text: string | undefined): number | undefined {
  const match = text === undefined ? null : /^(\d{1,12})s$/.exec(text);
  if (!match?.[1]) return undefined;
  const seconds = Number(match[1]);
  return seconds >= MIN_ROTATION_INTERVAL && seconds <= MAX_AUTOMATIC_INTERVAL ? seconds : undefined;
}

const KEY_STATES = ["Enabled", "Disabled", "PendingDeletion", "PendingImport"] as const;
const ROTATION_STATES = ["Enabled", "Disabled", "Suspended"] as const;
const KEY_SPECS = [...SYMMETRIC_KEY_SPECS, ...ASYMMETRIC_KEY_SPECS] as const;
const KEY_USAGES = ["ENCRYPT/DECRYPT", "SIGN/VERIFY"] as const;
const ORIGINS = ["Aliyun_KMS", "EXTERNAL"] as const;
const PROTECTION_LEVELS = ["SOFTWARE", "HSM"] as const;

/** What a DescribeKey was asked with, to hold the answer to: an id, an alias or an ARN. */
export interface Asked {
  readonly keyId: string;
  readonly region: string;
  /** The KeyId ListAliases lists for an alias asked for: the answer's KeyId is kept as this same string. */
  readonly listed?: string;
}

/**
 * DescribeKey's KeyMetadata, checked: the key it describes is the one asked for (same KeyId, or the key
 * an ARN names; an alias is held to its ListAliases target by
 * kms-calls.ts), its ARN parses and names that KeyId (its account and
 * region are then held to the declared ones by plan/owner.ts), and every field a rule reads parses.
 * Anything else throws `InvalidResponse` naming the field.
 */
export function toObservedKey(body: Body, asked: Asked): ObservedKey {
  const where = `DescribeKey for ${asked.keyId}`;
  const meta: Fields = Fields.of(body.KeyMetadata, where, "KeyMetadata");
  const answered = meta.required("KeyId");
  // One copy of the text for the run, not one more per key read (100,000 alias keys: some 5 MB).
  const keyId = answered === asked.listed ? asked.listed : answered;
  const wanted = askedKeyId(asked.keyId);
  if (wanted !== undefined && keyId !== wanted)
    meta.fail("KeyId", `${JSON.stringify(keyId)}: another key than the one asked for`);
  const arn = meta.required("Arn");
  if (arnOwner(arn) === undefined || !arn.endsWith(`:key/${keyId}`))
    meta.fail("Arn", "not the ARN acs:kms:<region>:<uid>:key/<KeyId> of this key");
  const keyState = meta.oneOf("KeyState", KEY_STATES);
  const automaticRotation = meta.oneOf("AutomaticRotation", ROTATION_STATES);
  const intervalText = meta.optional("RotationInterval");
  const rotationInterval = parseRotationInterval(intervalText);
  if (intervalText !== undefined && rotationInterval === undefined)
    meta.fail(
      "RotationInterval",
      `${JSON.stringify(intervalText.slice(0, 40))}, not <integer>s from 7 to 730 days`,
    );
  if (automaticRotation !== "Disabled" && rotationInterval === undefined)
    meta.fail("RotationInterval", `missing with AutomaticRotation ${automaticRotation}`);
  const lastRotationDate = meta.optionalInstant("LastRotationDate");
  // Every key with material has a first version, so a LastRotationDate: never guessed from CreationDate.
  if (lastRotationDate === undefined && keyState !== "PendingImport")
    meta.fail("LastRotationDate", "missing");
  const optional = <K extends keyof ObservedKey>(key: K, value: ObservedKey[K] | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Pick<ObservedKey, K>);
  return {
    keyId,
    arn,
    region: asked.region,
    keyState,
    keySpec: meta.oneOf("KeySpec", KEY_SPECS),
    keyUsage: meta.oneOf("KeyUsage", KEY_USAGES),
    origin: meta.oneOf("Origin", ORIGINS),
    protectionLevel:
      meta.optional("ProtectionLevel") === undefined ? "" : meta.oneOf("ProtectionLevel", PROTECTION_LEVELS),
    creatorType: creatorTypeOf(meta.optional("Creator")),
    ...optional("dkmsInstanceId", meta.optional("DKMSInstanceId")),
    automaticRotation,
    ...optional("rotationInterval", rotationInterval),
    creationDate: meta.instant("CreationDate"),
    ...optional("deleteDate", meta.optionalInstant("DeleteDate")),
    ...optional("lastRotationDate", lastRotationDate),
    ...optional("nextRotationDate", meta.optionalInstant("NextRotationDate")),
    ...optional("primaryKeyVersion", meta.optional("PrimaryKeyVersion")),
  };
}

/** The KeyId an answer must carry: the id asked for, the key part of an ARN; undefined for an alias. */
export function askedKeyId(asked: string): string | undefined {
  if (asked.startsWith("alias/")) return undefined;
  const arn = /^acs:kms:[^:]*:[^:]*:key\/(.+)$/.exec(asked);
  return arn ? arn[1] : asked;
}

/** One version of a key: its id and creation instant; of the key asked for when that is an id. */
export function toKeyVersion(raw: unknown, where: string, askedId?: string, write = false): KeyVersion {
  const v: Fields = Fields.of(raw, where, "KeyVersion", write);
  const keyId = v.required("KeyId");
  const wanted = askedId === undefined ? undefined : askedKeyId(askedId);
  if (wanted !== undefined && keyId !== wanted)
    v.fail("KeyId", `${JSON.stringify(keyId)}: another key than the one asked for`);
  return { keyId, keyVersionId: v.required("KeyVersionId"), creationDate: v.instant("CreationDate") };
}

export function toKeyListing(raw: unknown, where = "ListKeys"): KeyListing {
  const k = Fields.of(raw, where, "Key");
  return { keyId: k.required("KeyId"), arn: k.required("KeyArn") };
}

export function toAliasListing(raw: unknown, where = "ListAliases"): AliasListing {
  const a: Fields = Fields.of(raw, where, "Alias");
  const aliasName = a.required("AliasName");
  if (!aliasName.startsWith("alias/")) a.fail("AliasName", "not alias/<name>");
  return { keyId: a.required("KeyId"), aliasName, aliasArn: a.optional("AliasArn") ?? "" };
}

/** Which version a GetPublicKey or AsymmetricSign was asked about: its answer must name the same. */
export interface AskedVersion {
  readonly keyId: string;
  readonly keyVersionId: string;
}

/**
 * An answer's KeyId and KeyVersionId held to the ones asked (section 14): a public key or a signature
 * of another version published or used under the asked `kid` is what verifiers must never get.
 */
function sameVersion(body: Body, where: string, asked: AskedVersion): Fields {
  const fields = new Fields(body, where);
  const keyId = fields.required("KeyId");
  const wanted = askedKeyId(asked.keyId);
  if (wanted !== undefined && keyId !== wanted)
    fields.fail("KeyId", `${JSON.stringify(keyId.slice(0, 80))}: another key than the one asked for`);
  const keyVersionId = fields.required("KeyVersionId");
  if (keyVersionId !== asked.keyVersionId)
    fields.fail(
      "KeyVersionId",
      `${JSON.stringify(keyVersionId.slice(0, 80))}: another version than the one asked for`,
    );
  return fields;
}

/** GetPublicKey: the asked version's PEM public key; any other answer is no answer (section 14). */
export function toPublicKey(body: Body, asked: AskedVersion): PublicKey {
  sameVersion(body, `GetPublicKey for ${asked.keyId} version ${asked.keyVersionId}`, asked);
  const pem = stringOf(body.PublicKey) ?? "";
  if (!/^-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/.test(pem)) {
    throw invalidAnswer("GetPublicKey answered without a PEM public key");
  }
  return { keyId: asked.keyId, keyVersionId: asked.keyVersionId, publicKeyPem: pem };
}

/** AsymmetricSign: the base64 `Value` decoded, made by the asked version; anything else is no answer. */
export function toSignature(body: Body, asked: AskedVersion): Signature {
  sameVersion(body, `AsymmetricSign for ${asked.keyId} version ${asked.keyVersionId}`, asked);
  const value = stringOf(body.Value) ?? "";
  if (value === "" || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    throw invalidAnswer("AsymmetricSign answered without a base64 signature");
  }
  return {
    keyId: asked.keyId,
    keyVersionId: asked.keyVersionId,
    value: new Uint8Array(Buffer.from(value, "base64")),
  };
}

function invalidAnswer(message: string): KmsError {
  return new KmsError({ code: "InvalidResponse", message, retryable: false, outcomeUnknown: false });
}

export function toTag(raw: unknown, where = "ListResourceTags"): Tag {
  const t = Fields.of(raw, where, "Tag");
  return { key: t.required("TagKey"), value: t.optional("TagValue") ?? "" };
}

/** A page of `body[outer][inner][]` (`Keys.Key[]`) with the body's TotalCount, every item checked. */
export function pageOf<T>(
  body: Body,
  where: string,
  outer: string,
  inner: string,
  map: (raw: unknown, where: string) => T,
): Page<T> {
  const fields = new Fields(body, where);
  const items = fields.list(outer, inner).map((raw) => map(raw, where));
  return { items, totalCount: fields.count("TotalCount") };
}

export function listOf(body: Body, where: string, outer: string, inner: string): unknown[] {
  return new Fields(body, where).list(outer, inner);
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}
