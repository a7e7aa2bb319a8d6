// What apply did, key by key.

import type { Action } from "./plan.js";

export type KeyOutcome =
  /** The write was made (and, for a lost response, confirmed by reading the key again). */
  | {
      readonly status: "applied";
      readonly detail?: string;
      /** The write made, decided on the fresh read before it; what the result reports (not the plan's label). */
      readonly done?: Action;
    }
  /** Nothing to do: the plan said none, or the key already matched when re-read. */
  | { readonly status: "unchanged"; readonly detail?: string }
  /** The plan said blocked; nothing was attempted. */
  | { readonly status: "blocked" }
  | { readonly status: "failed"; readonly error: { readonly code: string; readonly message: string } }
  /** The apply was interrupted before this key's write was sent: nothing was done to it. */
  | { readonly status: "not-attempted" };

export interface KeyResult {
  readonly key: string;
  readonly region: string;
  /** The account uid, when the config names one for the key (views show `<account>/<region>`, as plan's). */
  readonly account?: string;
  readonly keyId?: string;
  readonly action: Action;
  readonly outcome: KeyOutcome;
}

export interface ApplySummary {
  readonly applied: number;
  readonly unchanged: number;
  readonly blocked: number;
  readonly failed: number;
  readonly notAttempted: number;
}

/** `succeeded` when no key failed and none was blocked; views and exit codes read it, never recompute it. */
export type ApplyVerdict = "succeeded" | "failed";

export interface ApplyResult {
  readonly formatVersion: 1;
  readonly now: string;
  readonly summary: ApplySummary;
  readonly verdict: ApplyVerdict;
  readonly results: readonly KeyResult[];
  /** SIGINT/SIGTERM stopped the apply: in-flight writes were finished or settled, no new one started. */
  readonly interrupted?: boolean;
}

export function summarizeResults(results: readonly KeyResult[]): ApplySummary {
  const summary = { applied: 0, unchanged: 0, blocked: 0, failed: 0, notAttempted: 0 };
  for (const r of results) {
    switch (r.outcome.status) {
      case "applied":
        summary.applied++;
        break;
      case "unchanged":
        summary.unchanged++;
        break;
      case "blocked":
        summary.blocked++;
        break;
      case "failed":
        summary.failed++;
        break;
      case "not-attempted":
        summary.notAttempted++;
        break;
    }
  }
  return summary;
}

/** An interrupted apply has not succeeded, whatever it managed before the interrupt. */
export function applyVerdict(summary: ApplySummary, interrupted = false): ApplyVerdict {
  return summary.failed > 0 || summary.blocked > 0 || interrupted ? "failed" : "succeeded";
}
