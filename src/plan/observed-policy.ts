// The rotation a key has now, read off its metadata.

import type { BlockedReason, ObservedKey, ObservedPolicy } from "../model/index.js";

export function observedPolicy(key: ObservedKey): ObservedPolicy {
  if (key.automaticRotation === "Disabled" || key.rotationInterval === undefined) return { mode: "off" };
  return key.automaticRotation === "Suspended"
    ? { mode: "automatic", interval: key.rotationInterval, suspended: true }
    : { mode: "automatic", interval: key.rotationInterval };
}

/** Why a key that is not Enabled cannot take a rotation change; undefined when it can. */
export function stateBlock(key: ObservedKey): BlockedReason | undefined {
  switch (key.keyState) {
    case "Enabled":
      return undefined;
    case "Disabled":
      return { code: "KeyDisabled" };
    case "PendingDeletion":
      return key.deleteDate
        ? { code: "KeyPendingDeletion", deleteDate: key.deleteDate }
        : { code: "KeyPendingDeletion" };
    default:
      return { code: "KeyUnavailable", state: key.keyState };
  }
}

/** When the key's current version was made: LastRotationDate, or its creation for a key never rotated. */
export function lastRotation(key: ObservedKey): number {
  return Date.parse(key.lastRotationDate ?? key.creationDate);
}
