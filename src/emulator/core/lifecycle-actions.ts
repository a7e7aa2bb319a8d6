// EnableKey, DisableKey, ScheduleKeyDeletion, CancelKeyDeletion: key state changes. Automatic rotation is
// Suspended while a key is not Enabled and resumes, with the same policy, when it is Enabled again.

import { unsupported } from "./errors.js";
import { checkGate } from "./gates.js";
import { integerParam, type Params, required } from "./params.js";
import { isServiceManaged, resolveKey } from "./resolve.js";
import { rotateIfOverdue, withoutPending } from "./rotation.js";
import type { CoreState } from "./state.js";
import type { Body, Context, KeyRecord } from "./types.js";

const DAY = 86_400;

/** The key a lifecycle action may change: the user's, in a state the table allows. */
function changeableKey(state: CoreState, ctx: Context, params: Params, action: string): KeyRecord {
  const key = resolveKey(state, ctx, required(params, "KeyId"));
  // Service-managed keys belong to the service that made them (inferred: the console offers no such action).
  if (isServiceManaged(key)) throw unsupported("The operation is not supported for a service-managed key.");
  checkGate(action, key);
  return key;
}

export function enableKey(state: CoreState, ctx: Context, params: Params): Body {
  const key = changeableKey(state, ctx, params, "EnableKey");
  if (key.state !== "Enabled") state.putKey(rotateIfOverdue({ ...key, state: "Enabled" }, ctx));
  return {};
}

export function disableKey(state: CoreState, ctx: Context, params: Params): Body {
  const key = changeableKey(state, ctx, params, "DisableKey");
  if (key.state !== "Disabled") state.putKey(withoutPending({ ...key, state: "Disabled" }));
  return {};
}

export function scheduleKeyDeletion(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  required(params, "PendingWindowInDays");
  const days = integerParam(params, "PendingWindowInDays", 7, 366) ?? 30;
  const key = changeableKey(state, ctx, { KeyId: keyIdParam }, "ScheduleKeyDeletion");
  state.putKey(withoutPending({ ...key, state: "PendingDeletion", deleteDate: ctx.now + days * DAY }));
  return {};
}

export function cancelKeyDeletion(state: CoreState, ctx: Context, params: Params): Body {
  const key = changeableKey(state, ctx, params, "CancelKeyDeletion");
  const { deleteDate: _dropped, ...rest } = key;
  const restored: KeyRecord = { ...rest, state: key.awaitingImport ? "PendingImport" : "Enabled" };
  state.putKey(rotateIfOverdue(restored, ctx));
  return {};
}
