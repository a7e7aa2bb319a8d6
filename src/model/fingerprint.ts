// What a saved plan remembers of each key: `apply plan.json` refuses the plan when any of it has changed,
// and checks each saved action against what the planner decides from it (a hand-edited plan is refused).

import type { ObservedKey } from "./observed.js";

/** The fields of a key the planner decides on that never change for a key: recorded by newer plans only. */
export const DESCRIPTIVE_FIELDS = [
  "keySpec",
  "origin",
  "protectionLevel",
  "creatorType",
  "dkmsInstanceId",
  "creationDate",
] as const;

export type ObservedFingerprint = Pick<ObservedKey, "keyId" | "keyState" | "automaticRotation"> &
  Partial<
    Pick<
      ObservedKey,
      | "rotationInterval"
      | "lastRotationDate"
      | "primaryKeyVersion"
      | "versionCount"
      | (typeof DESCRIPTIVE_FIELDS)[number]
    >
  >;

/** The fingerprint's own fields of an observed key, in a stable order, absent ones left out. */
export function fingerprintOf(key: ObservedFingerprint): ObservedFingerprint {
  const descriptive: Record<string, string> = {};
  for (const field of DESCRIPTIVE_FIELDS) {
    const value = key[field];
    if (value !== undefined) descriptive[field] = value;
  }
  return {
    keyId: key.keyId,
    keyState: key.keyState,
    automaticRotation: key.automaticRotation,
    ...(key.rotationInterval !== undefined ? { rotationInterval: key.rotationInterval } : {}),
    ...(key.lastRotationDate !== undefined ? { lastRotationDate: key.lastRotationDate } : {}),
    ...(key.primaryKeyVersion !== undefined ? { primaryKeyVersion: key.primaryKeyVersion } : {}),
    ...(key.versionCount !== undefined ? { versionCount: key.versionCount } : {}),
    ...descriptive,
  };
}
