// What a saved plan remembers of each key: `apply plan.json` refuses the plan when any of it has changed,
// and checks each saved action against what the planner decides from it (a hand-edited plan is refused).

import type { ObservedKey } from "./observed.js";
import type { SigningObservation } from "./signing.js";

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
  > &
  SigningFingerprint;

/**
 * A signing key's versions and pointer, flat so that each compares as one value: the pointer moving
 * (another apply promoted) or a version appearing makes a saved plan stale. Signing keys only.
 */
export interface SigningFingerprint {
  readonly keyUsage?: string;
  /** `<KeyVersionId>@<CreationDate>` joined by `;`, as listed. */
  readonly signingVersions?: string;
  readonly activeVersion?: string;
  readonly activeSince?: string;
}

function signingFingerprint(key: Partial<ObservedKey> & SigningFingerprint): SigningFingerprint {
  if (key.signing === undefined) {
    // A fingerprint read back from a file: its flat fields as they are.
    const { keyUsage, signingVersions, activeVersion, activeSince } = key;
    if (signingVersions === undefined) return {};
    return {
      ...(keyUsage === undefined ? {} : { keyUsage }),
      signingVersions,
      ...(activeVersion === undefined ? {} : { activeVersion }),
      ...(activeSince === undefined ? {} : { activeSince }),
    };
  }
  const s = key.signing;
  return {
    ...(key.keyUsage === undefined ? {} : { keyUsage: key.keyUsage }),
    signingVersions: s.versions.map((v) => `${v.keyVersionId}@${v.creationDate}`).join(";"),
    ...(s.activeVersion === undefined ? {} : { activeVersion: s.activeVersion }),
    ...(s.activeSince === undefined ? {} : { activeSince: s.activeSince }),
  };
}

/** The signing observation a fingerprint records, for deciding a saved plan again. */
export function signingOfFingerprint(f: SigningFingerprint): SigningObservation | undefined {
  if (f.signingVersions === undefined) return undefined;
  const versions =
    f.signingVersions === ""
      ? []
      : f.signingVersions.split(";").map((entry) => {
          const at = entry.lastIndexOf("@");
          return { keyVersionId: entry.slice(0, at), creationDate: entry.slice(at + 1) };
        });
  return {
    versions,
    ...(f.activeVersion === undefined ? {} : { activeVersion: f.activeVersion }),
    ...(f.activeSince === undefined ? {} : { activeSince: f.activeSince }),
  };
}

/** The fingerprint's own fields of an observed key, in a stable order, absent ones left out. */
export function fingerprintOf(
  key: ObservedFingerprint & Pick<Partial<ObservedKey>, "signing">,
): ObservedFingerprint {
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
    ...signingFingerprint(key),
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
