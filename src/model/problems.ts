// What the planner found, as data: a code and its parameters (seconds, counts, states, dates), never a
// sentence. Words come from problem-text.ts at the edge, so `90d` is written in one place (convention 3).
// Text read back from a saved plan or report is kept as the file has it: the file is the user's record.

import type { Shard } from "./shard.js";
import type { SourcePosition } from "./source.js";

/** The contract's blocked reason codes (CONTRACT section 6). */
export type BlockedCode =
  | "KeyNotFound"
  | "AliasNotFound"
  | "KeyDisabled"
  | "KeyPendingDeletion"
  | "KeyUnavailable"
  | "AutomaticRotationUnsupported"
  | "ManualRotationUnsupported"
  | "VersionCapReached"
  | "ActiveVersionUnknown"
  | "SigningUnsupported";

/** Words given by a file or by KMS, kept as they were found. */
export interface Recorded<C extends string = string> {
  readonly code: C;
  readonly message: string;
}

/** The kinds of key a rotation is refused for outright (rules.ts has one row each). */
export type KeyKind =
  | "service-managed"
  | "byok"
  | "hsm-instance"
  | "asymmetric-instance"
  | "symmetric-shared"
  | "asymmetric";

/** Whose interval range applies: a key in a KMS instance, or one outside any. */
export type RangeScope = "instance" | "shared";

/** Why the planner blocks a key, with what it saw. */
export type BlockedReason =
  | { readonly code: "KeyDisabled" }
  | { readonly code: "KeyPendingDeletion"; readonly deleteDate?: string }
  /** A state the key cannot change rotation in: PendingImport, or one the service adds. */
  | { readonly code: "KeyUnavailable"; readonly state: string }
  | {
      readonly code: "AutomaticRotationUnsupported" | "ManualRotationUnsupported";
      readonly keyKind: KeyKind;
    }
  /** Seconds: the declared interval and the range the key takes. */
  | {
      readonly code: "AutomaticRotationUnsupported";
      readonly interval: number;
      readonly min: number;
      readonly max: number;
      readonly scope: RangeScope;
    }
  | { readonly code: "VersionCapReached"; readonly versionCount: number; readonly cap: number }
  /** The pointer tag names a version the key does not have (or its since tag does not parse). */
  | { readonly code: "ActiveVersionUnknown"; readonly activeVersion: string; readonly activeSince?: string }
  /** `signing:` on a key that cannot sign, or an algorithm its spec cannot serve. */
  | {
      readonly code: "SigningUnsupported";
      readonly keySpec: string;
      readonly keyUsage: string;
      readonly algorithm?: string;
    };

/**
 * For people: apply never branches on it. From the planner, a `BlockedReason`; from a saved plan, or for
 * a key KMS did not find, the words given (`message`).
 */
export type Reason = BlockedReason | Recorded<BlockedCode>;

/** Things worth knowing that change nothing. */
export type PlannedWarning =
  | { readonly code: "RotationSuspended"; readonly state: string }
  /** `capAt`: ISO-8601 UTC instant the cap is reached; `interval` in seconds. */
  | {
      readonly code: "VersionCapNear";
      readonly versionCount: number;
      readonly cap: number;
      readonly interval: number;
      readonly capAt: string;
    }
  | { readonly code: "VersionCapHeld"; readonly versionCount: number; readonly cap: number }
  /** Mode manual turns off automatic rotation (every `interval` seconds); `due`: a version follows. */
  | { readonly code: "AutomaticTurnedOff"; readonly interval: number; readonly due: boolean }
  /** A signing key with no pointer yet: its newest version becomes active at once. */
  | { readonly code: "FirstPromotion"; readonly keyVersionId: string }
  /** A signing key whose promoted version is already `interval` old: a new version is due right after. */
  | { readonly code: "VersionDueAfterPromotion"; readonly keyVersionId: string };

/** A warning from the planner, or one a saved plan carries as words. */
export type KeyWarning = PlannedWarning | { readonly message: string };

/** Why a drift entry is not in sync: a plan's reason, a due version, or words from KMS or a file. */
export type DriftReason =
  | BlockedReason
  | { readonly code: "RotationDue"; readonly lastRotationDate?: string }
  /** A signing key's next version has been published long enough: apply makes it active. */
  | { readonly code: "PromotionDue"; readonly keyVersionId: string }
  /** A signing key's next or active version is missing from the published key set (`drift --published`). */
  | {
      readonly code: "VersionNotPublished";
      /** Every next/active version verifiers cannot use: missing from the set, or listed with `unusable`. */
      readonly keyVersionIds: readonly string[];
      /** Those the set lists with no usable public key of this key's type and size. */
      readonly unusable?: readonly string[];
    }
  | Recorded;

/** A published JWK as verifiers would load it (drift --published): a public key's type and size, or none. */
export type PublishedJwk =
  | { readonly usable: true; readonly rsaBits?: number; readonly curve?: string }
  | { readonly usable: false };

/** How a declared key breaks `policy:` (or an exception has run out); seconds and ISO days. */
export type PolicyBreach =
  | { readonly code: "RotationOff" }
  | { readonly code: "IntervalOverMax"; readonly interval: number; readonly maxInterval: number }
  | { readonly code: "ExceptionExpired"; readonly expires: string; readonly today: string };

/** A policy breach of one declared key, with the place in the file to point at. */
export interface PolicyProblem {
  readonly key: string;
  readonly breach: PolicyBreach;
  readonly position?: SourcePosition;
}

/** Why reports cannot be merged into one (`render` of several files); `first`/`second` are file names. */
export type MergeConflict =
  | { readonly code: "ShardsMixed" }
  | {
      readonly code: "ShardCountDiffers";
      readonly source: string;
      readonly count: number;
      readonly expected: number;
    }
  | { readonly code: "ShardTwice"; readonly first: string; readonly second: string; readonly shard: Shard }
  | {
      readonly code: "KeyInTwo";
      readonly key: string;
      readonly region: string;
      readonly first: string;
      readonly second: string;
    }
  | { readonly code: "PoliciesDiffer"; readonly first: string; readonly second: string };

/** A merge that went through but is partial: shards `missing` (1-based) of `count`; `covered` given. */
export interface ShardsMissing {
  readonly code: "ShardsMissing";
  readonly missing: readonly number[];
  readonly count: number;
  readonly covered: number;
}

/** The key KMS answered with is not the declared one: another account's, or another region's. */
export type OwnerMismatch =
  | {
      readonly code: "AccountMismatch";
      readonly declared: string;
      readonly reached: string;
      readonly arn: string;
    }
  | {
      readonly code: "RegionMismatch";
      readonly declared: string;
      readonly reached: string;
      readonly arn: string;
    };
