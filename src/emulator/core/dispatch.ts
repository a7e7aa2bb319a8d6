// The action table: the one place that knows which actions exist and which of them may write.

import { createAlias, deleteAlias, listAliases, listAliasesByKeyId, updateAlias } from "./alias-actions.js";
import { Refusal, unknownAction } from "./errors.js";
import { createKey, describeKey, updateKeyDescription } from "./key-actions.js";
import { cancelKeyDeletion, disableKey, enableKey, scheduleKeyDeletion } from "./lifecycle-actions.js";
import { listKeys } from "./list-keys.js";
import type { Params } from "./params.js";
import { updateRotationPolicy } from "./rotation-actions.js";
import { asymmetricSign, asymmetricVerify, getPublicKey } from "./signing-actions.js";
import type { CoreState } from "./state.js";
import { listResourceTags, tagResource, untagResource } from "./tag-actions.js";
import type { Body, Context, ServiceFault } from "./types.js";
import { createKeyVersion, describeKeyVersion, listKeyVersions } from "./version-actions.js";

type Action = (state: CoreState, ctx: Context, params: Params) => Body;

const ACTIONS: Readonly<Record<string, Action>> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  UpdateKeyDescription: updateKeyDescription,
  EnableKey: enableKey,
  DisableKey: disableKey,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  UpdateRotationPolicy: updateRotationPolicy,
  CreateKeyVersion: createKeyVersion,
  ListKeyVersions: listKeyVersions,
  DescribeKeyVersion: describeKeyVersion,
  CreateAlias: createAlias,
  UpdateAlias: updateAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
  ListAliasesByKeyId: listAliasesByKeyId,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
  GetPublicKey: getPublicKey,
  AsymmetricSign: asymmetricSign,
  AsymmetricVerify: asymmetricVerify,
};

export const ACTION_NAMES: readonly string[] = Object.keys(ACTIONS);

export function knowsAction(action: string): boolean {
  return Object.hasOwn(ACTIONS, action);
}

export type ActionResult = { ok: true; body: Body } | { ok: false; error: ServiceFault };

/** Run one action; a refusal leaves the state untouched (actions check everything before writing). */
export function runAction(state: CoreState, ctx: Context, action: string, params: Params): ActionResult {
  try {
    const run = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
    if (!run) throw unknownAction();
    return { ok: true, body: run(state, ctx, params) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: error.fault };
    throw error;
  }
}
