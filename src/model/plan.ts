// The plan: one decision per declared key. Plain, versioned, serialisable (see schemas/plan.schema.json).

import type { ReadError } from "./observed.js";
import type { RotationPolicy } from "./policy.js";
import type { KeyWarning, Reason } from "./problems.js";
import type { ShardInfo } from "./shard.js";
import type { SigningPolicy } from "./signing.js";
import type { SourcePosition } from "./source.js";

export const PLAN_FORMAT_VERSION = 1;

/** The rotation a key has now, as far as KMS shows it. */
export type ObservedPolicy =
  | { readonly mode: "automatic"; readonly interval: number; readonly suspended?: boolean }
  | { readonly mode: "off" };

export type Action =
  | { readonly kind: "none" }
  | { readonly kind: "update-rotation-policy"; readonly enable: boolean; readonly interval?: number }
  | { readonly kind: "create-key-version" }
  /** Point the key's active-version tag at this version (a TagResource write; section 12). */
  | { readonly kind: "promote-version"; readonly keyVersionId: string }
  | { readonly kind: "blocked"; readonly reason: Reason }
  /** The key could not be read after retries: nothing is known, nothing will be done. */
  | { readonly kind: "error"; readonly error: ReadError };

export type ActionKind = Action["kind"];

export interface KeyPlan {
  readonly key: string;
  readonly region: string;
  /** The account uid, when the config names one for the key. */
  readonly account?: string;
  readonly keyId?: string;
  readonly action: Action;
  readonly before?: ObservedPolicy;
  readonly after: RotationPolicy;
  /** The declared `signing:` of a signing key: apply decides its promotions again with it. */
  readonly signing?: SigningPolicy;
  /** Manual keys: when the current version was made, and how many versions the key has. */
  readonly lastRotationDate?: string;
  readonly versionCount?: number;
  /** Things worth knowing that change nothing, e.g. the 50-version cap is near. */
  readonly warnings: readonly KeyWarning[];
  readonly source?: SourcePosition;
}

export interface PlanSummary {
  readonly changes: number;
  readonly blocked: number;
  readonly unchanged: number;
  /** Keys that could not be read. */
  readonly errors: number;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  /** ISO-8601 UTC: the instant schedules were evaluated at. */
  readonly now: string;
  readonly summary: PlanSummary;
  readonly keys: readonly KeyPlan[];
  /** Set when the plan covers one shard of the config (`--shard`). */
  readonly shard?: ShardInfo;
}

export function summarize(keys: readonly KeyPlan[]): PlanSummary {
  let changes = 0;
  let blocked = 0;
  let unchanged = 0;
  let errors = 0;
  for (const k of keys) {
    switch (k.action.kind) {
      case "none":
        unchanged++;
        break;
      case "blocked":
        blocked++;
        break;
      case "update-rotation-policy":
      case "create-key-version":
      case "promote-version":
        changes++;
        break;
      case "error":
        errors++;
        break;
    }
  }
  return { changes, blocked, unchanged, errors };
}
