// UpdateRotationPolicy: turn automatic rotation on (with its interval) or off.

import { invalidParameter, missingParameter, unsupported } from "./errors.js";
import { checkGate } from "./gates.js";
import { booleanParam, intervalParam, type Params, required } from "./params.js";
import { resolveKey, ruleSubject } from "./resolve.js";
import { rotateIfOverdue, withoutPending } from "./rotation.js";
import { rulesFor } from "./rules.js";
import type { CoreState } from "./state.js";
import type { Body, Context } from "./types.js";

export function updateRotationPolicy(state: CoreState, ctx: Context, params: Params): Body {
  const keyIdParam = required(params, "KeyId");
  required(params, "EnableAutomaticRotation");
  const enable = booleanParam(params, "EnableAutomaticRotation");
  if (enable === undefined) throw invalidParameter("EnableAutomaticRotation");
  const interval = intervalParam(params, "RotationInterval", 1, Number.MAX_SAFE_INTEGER);
  if (enable && interval === undefined) throw missingParameter("RotationInterval");
  const key = resolveKey(state, ctx, keyIdParam);
  // The state table comes first, so a key that is not Enabled always gets its 409 (PendingImport keys
  // are all BYOK, which the rules table would otherwise refuse first).
  checkGate("UpdateRotationPolicy", key);
  const automatic = rulesFor(ruleSubject(state, key)).automatic;
  if (!automatic.supported) throw unsupported(automatic.message);
  if (!enable) {
    const { rotation: _off, ...rest } = key;
    state.putKey(withoutPending(rest));
    return {};
  }
  if (interval === undefined || interval < automatic.minInterval || interval > automatic.maxInterval) {
    throw invalidParameter("RotationInterval");
  }
  state.putKey(rotateIfOverdue({ ...key, rotation: { interval } }, ctx));
  return {};
}
