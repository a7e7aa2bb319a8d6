// What a saved plan remembers of each key: `apply plan.json` refuses the plan when any of it has changed.

import type { ObservedKey } from "./observed.js";

export type ObservedFingerprint = Pick<ObservedKey, "keyId" | "keyState" | "automaticRotation"> &
  Partial<Pick<ObservedKey, "rotationInterval" | "lastRotationDate" | "primaryKeyVersion" | "versionCount">>;

/** The fingerprint's own fields of an observed key, in a stable order, absent ones left out. */
export function fingerprintOf(key: ObservedFingerprint): ObservedFingerprint {
  return {
    keyId: key.keyId,
    keyState: key.keyState,
    automaticRotation: key.automaticRotation,
    ...(key.rotationInterval !== undefined ? { rotationInterval: key.rotationInterval } : {}),
    ...(key.lastRotationDate !== undefined ? { lastRotationDate: key.lastRotationDate } : {}),
    ...(key.primaryKeyVersion !== undefined ? { primaryKeyVersion: key.primaryKeyVersion } : {}),
    ...(key.versionCount !== undefined ? { versionCount: key.versionCount } : {}),
  };
}
