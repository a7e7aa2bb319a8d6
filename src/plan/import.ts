// What `import` declares: every key as it is now, so that planning the written file shows no changes.
// Keys pending deletion are left out (they are going away); service-managed keys are ignored (the
// service that owns each rotates it).

import type { ObservedKey, RotationPolicy } from "../model/index.js";
import { DEFAULT_REGION } from "../model/regions.js";

export interface ImportCandidate {
  readonly key: ObservedKey;
  readonly aliases: readonly string[];
}

export interface ImportedDeclaration {
  readonly candidate: ImportCandidate;
  /** How the file names the key: its first alias, else its id. */
  readonly name: string;
  /** Only when the key is not in the file's home region. */
  readonly region?: string;
  readonly rotation: RotationPolicy;
}

export interface ImportDecisions {
  /** The first region asked for: the provider's and defaults' region. */
  readonly home: string;
  readonly declared: readonly ImportedDeclaration[];
  readonly pendingDeletion: readonly ImportCandidate[];
  readonly serviceManaged: readonly ImportCandidate[];
}

export function importDecisions(
  keys: readonly ImportCandidate[],
  regions: readonly string[],
): ImportDecisions {
  const home = regions[0] ?? DEFAULT_REGION;
  const live = keys.filter((k) => k.key.keyState !== "PendingDeletion");
  return {
    home,
    declared: live.filter((k) => k.key.creatorType === "User").map((k) => declaration(k, home)),
    pendingDeletion: keys.filter((k) => k.key.keyState === "PendingDeletion"),
    serviceManaged: live.filter((k) => k.key.creatorType === "Service"),
  };
}

/** Declared as KMS has it: automatic (Suspended counts) with its interval, else off. */
function declaration(candidate: ImportCandidate, home: string): ImportedDeclaration {
  const { key, aliases } = candidate;
  const interval = key.automaticRotation !== "Disabled" ? key.rotationInterval : undefined;
  return {
    candidate,
    name: aliases[0] ?? key.keyId,
    ...(key.region === home ? {} : { region: key.region }),
    rotation: interval === undefined ? { mode: "off" } : { mode: "automatic", interval },
  };
}
