// The rotation a key has now, read off its metadata.

import type { ObservedKey, ObservedPolicy } from "../model/index.js";

export function observedPolicy(key: ObservedKey): ObservedPolicy {
  if (key.automaticRotation === "Disabled" || key.rotationInterval === undefined) return { mode: "off" };
  return key.automaticRotation === "Suspended"
    ? { mode: "automatic", interval: key.rotationInterval, suspended: true }
    : { mode: "automatic", interval: key.rotationInterval };
}

/** Why a key that is not Enabled cannot take a rotation change; undefined when it can. */
export function stateBlock(
  key: ObservedKey,
): { code: "KeyDisabled" | "KeyPendingDeletion" | "KeyUnavailable"; message: string } | undefined {
  switch (key.keyState) {
    case "Enabled":
      return undefined;
    case "Disabled":
      return { code: "KeyDisabled", message: "the key is Disabled: enable it to change its rotation" };
    case "PendingDeletion":
      return {
        code: "KeyPendingDeletion",
        message: `the key is scheduled for deletion${key.deleteDate ? ` on ${key.deleteDate}` : ""}: cancel the deletion to change its rotation`,
      };
    case "PendingImport":
      return {
        code: "KeyUnavailable",
        message: "the key is waiting for its key material to be imported (PendingImport)",
      };
    default:
      return { code: "KeyUnavailable", message: `the key is ${key.keyState}` };
  }
}

/** When the key's current version was made: LastRotationDate, or its creation for a key never rotated. */
export function lastRotation(key: ObservedKey): number {
  return Date.parse(key.lastRotationDate ?? key.creationDate);
}
