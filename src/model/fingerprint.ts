// What a saved plan remembers of each key: `apply plan.json` refuses the plan when any of it has changed,
// and checks each saved action against what the planner decides from it (a hand-edited plan is refused).

import { formatDuration } from "./duration.js";
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

/** How one key differs from its saved fingerprint: a field that changed, or the key gone or new. */
export type FingerprintChange =
  | {
      readonly field: keyof ObservedFingerprint;
      readonly before: string | number | undefined;
      readonly after: string | number | undefined;
    }
  | { readonly gone: boolean };

/** `rotationInterval: 90d -> 30d`, as every other view shows a duration; `the key is gone`. */
export function fingerprintChangeText(change: FingerprintChange): string {
  if ("gone" in change) return change.gone ? "the key is gone" : "the key now exists";
  const value = (v: string | number | undefined) =>
    v === undefined
      ? "(none)"
      : change.field === "rotationInterval" && typeof v === "number"
        ? formatDuration(v)
        : String(v);
  return `${change.field}: ${value(change.before)} -> ${value(change.after)}`;
}
