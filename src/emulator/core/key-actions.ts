// CreateKey, DescribeKey and UpdateKeyDescription.

import { invalidParameter, limitExceeded, missingParameter, unsupported } from "./errors.js";
import { checkGate } from "./gates.js";
import { newKeyId, newVersionId } from "./ids.js";
import { defaultUsage, KEY_SPECS, ORIGINS, PROTECTION_LEVELS, usagesFor } from "./key-spec-rules.js";
import { keyMetadata } from "./metadata.js";
import { booleanParam, intervalParam, oneOf, optional, type Params, required } from "./params.js";
import { resolveKey } from "./resolve.js";
import { type InstanceType, isSymmetric, type RuleSubject, rulesFor } from "./rules.js";
import type { CoreState } from "./state.js";
import type { Body, Context, KeyRecord } from "./types.js";

export function createKey(state: CoreState, ctx: Context, params: Params): Body {
  const spec = oneOf(params, "KeySpec", KEY_SPECS, "Aliyun_AES_256");
  const usage = oneOf(params, "KeyUsage", usagesFor(spec), defaultUsage(spec));
  const origin = oneOf(params, "Origin", ORIGINS, "Aliyun_KMS");
  if (origin === "EXTERNAL" && !isSymmetric(spec)) throw invalidParameter("Origin");
  const level = oneOf(params, "ProtectionLevel", PROTECTION_LEVELS, "SOFTWARE");
  const instance = instanceOf(state, optional(params, "DKMSInstanceId"));
  // In a KMS instance the service sets ProtectionLevel from the instance's type.
  const protectionLevel = instance ? (instance.type === "hsm" ? "HSM" : "SOFTWARE") : level;
  const rotation = creationRotation(params, {
    spec,
    origin,
    serviceManaged: false,
    ...(instance ? { dkmsInstanceId: instance.id, instanceType: instance.type } : {}),
  });
  checkCreateQuota(state, ctx);
  const keyId = newKeyId(ctx.region, instance !== undefined, ctx.newId);
  const dkms = instance ? { dkmsInstanceId: instance.id } : {};
  const key: KeyRecord = {
    keyId,
    spec,
    usage,
    origin,
    protectionLevel,
    creator: ctx.accountId,
    description: params.Description ?? "",
    state: origin === "EXTERNAL" ? "PendingImport" : "Enabled",
    created: ctx.now,
    versions: [{ id: newVersionId({ keyId, ...dkms }, ctx.newId), created: ctx.now }],
    ...(rotation ? { rotation } : {}),
    ...(instance ? { dkmsInstanceId: instance.id } : {}),
    ...(origin === "EXTERNAL" ? { awaitingImport: true } : {}),
    tags: {},
  };
  state.putKey(key);
  return { KeyMetadata: keyMetadata(key, ctx) };
}

/** The declared instance a DKMSInstanceId names; an id no instance has is refused (inferred code). */
function instanceOf(
  state: CoreState,
  id: string | undefined,
): { id: string; type: InstanceType } | undefined {
  if (id === undefined) return undefined;
  const type = state.instances.get(id);
  if (!type) throw invalidParameter("DKMSInstanceId", "No KMS instance with this id exists in the region.");
  return { id, type };
}

function creationRotation(params: Params, subject: RuleSubject) {
  const enable = booleanParam(params, "EnableAutomaticRotation") ?? false;
  const interval = intervalParam(params, "RotationInterval", 1, Number.MAX_SAFE_INTEGER);
  if (!enable) return undefined;
  if (interval === undefined) throw missingParameter("RotationInterval");
  const automatic = rulesFor(subject).automatic;
  if (!automatic.supported) throw unsupported(automatic.message);
  if (interval < automatic.minInterval || interval > automatic.maxInterval) {
    throw invalidParameter("RotationInterval");
  }
  return { interval };
}

function checkCreateQuota(state: CoreState, ctx: Context): void {
  const { keys, versions } = ctx.quota;
  if (keys !== undefined && state.keys.size >= keys) {
    throw limitExceeded(`The key quota of this region (${keys}) is used up.`);
  }
  if (versions !== undefined && state.totalVersions >= versions) {
    throw limitExceeded(`The key version quota of this region (${versions}) is used up.`);
  }
}

export function describeKey(state: CoreState, ctx: Context, params: Params): Body {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  return { KeyMetadata: keyMetadata(key, ctx) };
}

export function updateKeyDescription(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  const description = params.Description;
  if (description === undefined) throw missingParameter("Description");
  const key = resolveKey(state, ctx, keyIdParam);
  checkGate("UpdateKeyDescription", key);
  state.putKey({ ...key, description });
  return {};
}
