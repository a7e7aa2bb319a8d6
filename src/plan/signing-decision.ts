// A manual key with `signing:`: can it sign (judged before whether it rotates by hand, so a key that is
// no signing key says SigningUnsupported, as publish does), is a promotion due, and is a new version held back while
// one is waiting as `next`. Pure; plan-key.ts asks it before the manual rotation rules.

import {
  type Action,
  type BlockedReason,
  canSign,
  type ObservedKey,
  type PlannedWarning,
  type SigningPolicy,
  signingAlgorithmFor,
} from "../model/index.js";
import { stateBlock } from "./observed-policy.js";
import { rulesFor } from "./rules.js";
import { signingLifecycle } from "./signing.js";

export type SigningDecision =
  /** The lifecycle decides this key now. */
  | { readonly decided: true; readonly action: Action; readonly warnings: PlannedWarning[] }
  /** Nothing for the lifecycle to do: the manual rules decide (a due version may be made). */
  | { readonly decided: false };

/** Why a key cannot carry `signing:` at all, or undefined when it can. */
export function signingBlock(key: ObservedKey, policy: SigningPolicy): BlockedReason | undefined {
  const { keySpec, keyUsage } = key;
  if (!canSign(keySpec, keyUsage)) return { code: "SigningUnsupported", keySpec, keyUsage };
  if (policy.algorithm !== undefined && signingAlgorithmFor(keySpec, policy.algorithm) === undefined) {
    return { code: "SigningUnsupported", keySpec, keyUsage, algorithm: policy.algorithm };
  }
  return undefined;
}

export function decideSigning(key: ObservedKey, policy: SigningPolicy, now: number): SigningDecision {
  const unsupported = signingBlock(key, policy);
  if (unsupported) return blocked(unsupported);
  const manual = rulesFor(key).manual;
  if (!manual.supported) return blocked(manual.reason);
  if (key.signing === undefined) {
    const error = { code: "SigningNotRead", message: "the key's versions and tags were not read" };
    return { decided: true, action: { kind: "error", error }, warnings: [] };
  }
  const lifecycle = signingLifecycle(key.signing, policy, now);
  if (!lifecycle.ok) return blocked(lifecycle.reason);
  if (lifecycle.promote) {
    const state = stateBlock(key);
    if (state) return blocked(state);
    const { keyVersionId, first } = lifecycle.promote;
    const warnings: PlannedWarning[] = first ? [{ code: "FirstPromotion", keyVersionId }] : [];
    return { decided: true, action: { kind: "promote-version", keyVersionId }, warnings };
  }
  // Never a new version while one is waiting to be promoted: signers would skip it.
  if (lifecycle.next) return { decided: true, action: { kind: "none" }, warnings: [] };
  return { decided: false };
}

function blocked(reason: BlockedReason): SigningDecision {
  return { decided: true, action: { kind: "blocked", reason }, warnings: [] };
}
