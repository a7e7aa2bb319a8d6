// What apply did, as JSON for scripts (`apply --format json`).

import type { ApplyResult, KeyResult } from "../model/apply-result.js";
import type { ActionKind } from "../model/plan.js";

export interface KeyResultJson {
  key: string;
  keyId?: string;
  region: string;
  action: ActionKind;
  status: KeyResult["outcome"]["status"];
  detail?: string;
  error?: { code: string; message: string };
}

export interface ApplyResultJson {
  formatVersion: 1;
  now: string;
  summary: { applied: number; unchanged: number; blocked: number; failed: number; notAttempted?: number };
  /** Present (true) when SIGINT/SIGTERM stopped the apply. */
  interrupted?: true;
  keys: KeyResultJson[];
}

/**
 * What apply did, as the JSON `apply --format json` prints.
 *
 * @example
 * ```ts
 * const { result } = await applyConfig("kms.yaml");
 * if (result) console.log(JSON.stringify(applyToJson(result)));
 * ```
 */
export function applyToJson(result: ApplyResult): ApplyResultJson {
  const { applied, unchanged, blocked, failed, notAttempted } = result.summary;
  return {
    formatVersion: 1,
    now: result.now,
    summary: { applied, unchanged, blocked, failed, ...(notAttempted > 0 ? { notAttempted } : {}) },
    ...(result.interrupted ? { interrupted: true as const } : {}),
    keys: result.results.map(resultToJson),
  };
}

function resultToJson(result: KeyResult): KeyResultJson {
  const outcome = result.outcome;
  return {
    key: result.key,
    ...(result.keyId !== undefined ? { keyId: result.keyId } : {}),
    region: result.region,
    action: result.action.kind,
    status: outcome.status,
    ...("detail" in outcome && outcome.detail !== undefined ? { detail: outcome.detail } : {}),
    ...(outcome.status === "failed"
      ? { error: { code: outcome.error.code, message: outcome.error.message } }
      : {}),
  };
}
