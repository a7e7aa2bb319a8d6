// The plan as the contract's JSON (section 6) and back. `plan --format json` writes it; the saved plan
// file (src/plan-file) is this plus what each key looked like; `render` reads either back.

import { formatDuration, parseDuration } from "../model/duration.js";
import type { ObservedFingerprint } from "../model/fingerprint.js";
import type { Action, KeyPlan, Plan } from "../model/plan.js";
import type { RotationPolicy } from "../model/policy.js";
import type { BlockedCode } from "../model/problems.js";
import type { ShardInfo } from "../model/shard.js";
import type { JoseAlgorithm, SigningPolicy } from "../model/signing.js";
import { reasonText, warningText } from "../words/problem-text.js";
import { type EntryHeader, entryHeader } from "./entry-header.js";
import {
  type ObservedPolicyJson,
  observedFromJson,
  observedToJson,
  type PolicyJson,
  policyFromJson,
  policyToJson,
} from "./policy-json.js";

export interface KeyPlanJson extends EntryHeader {
  action: Action["kind"];
  before?: ObservedPolicyJson;
  after: PolicyJson;
  /** A signing key's declared windows (section 12). */
  signing?: SigningJson;
  /** promote-version: the version made active. */
  keyVersionId?: string;
  reason?: { code: BlockedCode; message: string };
  /** Keys that could not be read (action error): why. */
  error?: { code: string; message: string };
  lastRotationDate?: string;
  versionCount?: number;
  warnings?: string[];
  /** Saved plans only: what the key looked like when planned. */
  observed?: ObservedFingerprint;
}

export interface SigningJson {
  publishAhead: string;
  verifyFor: string;
  algorithm?: JoseAlgorithm;
}

export function signingToJson(policy: SigningPolicy): SigningJson {
  return {
    publishAhead: formatDuration(policy.publishAhead),
    verifyFor: formatDuration(policy.verifyFor),
    ...(policy.algorithm === undefined ? {} : { algorithm: policy.algorithm }),
  };
}

/** Back from a file that passed the schema: durations in the `<integer><d|h|m|s>` form. */
export function signingFromJson(json: SigningJson): SigningPolicy {
  return {
    publishAhead: parseDuration(json.publishAhead) ?? 0,
    verifyFor: parseDuration(json.verifyFor) ?? 0,
    ...(json.algorithm === undefined ? {} : { algorithm: json.algorithm }),
  };
}

export interface PlanJson {
  formatVersion: 1;
  now: string;
  /** `errors` only when some key could not be read. */
  summary: { changes: number; blocked: number; unchanged: number; errors?: number };
  keys: KeyPlanJson[];
  /** A plan of one shard (`--shard i/n`): which, and the (account, region) units it covers. */
  shard?: ShardJson;
  /** Saved plans only: the config and the provider it was planned against. */
  saved?: { config: string; provider: unknown };
}

/**
 * A Plan as the contract's JSON (what `plan --format json` prints).
 *
 * @example
 * ```ts
 * writeFileSync("plan.json", JSON.stringify(planToJson(planned), null, 2));
 * ```
 */
export function planToJson(plan: Plan): PlanJson {
  const { changes, blocked, unchanged, errors } = plan.summary;
  return {
    formatVersion: 1,
    now: plan.now,
    // A plan of readable keys keeps the contract's three counts.
    summary: { changes, blocked, unchanged, ...(errors > 0 ? { errors } : {}) },
    keys: plan.keys.map(keyPlanToJson),
    ...(plan.shard ? { shard: shardToJson(plan.shard) } : {}),
  };
}

export interface ShardJson {
  index: number;
  count: number;
  units: { account?: string; region: string }[];
}

export function shardToJson(shard: ShardInfo): ShardJson {
  const units = shard.units.map((u) =>
    u.account === undefined ? { region: u.region } : { account: u.account, region: u.region },
  );
  return { index: shard.index, count: shard.count, units };
}

export function shardFromJson(json: ShardJson): ShardInfo {
  return { index: json.index, count: json.count, units: json.units.map((u) => ({ ...u })) };
}

function keyPlanToJson(entry: KeyPlan): KeyPlanJson {
  const action = entry.action;
  return {
    ...entryHeader(entry),
    action: action.kind,
    ...(entry.before !== undefined ? { before: observedToJson(entry.before) } : {}),
    after: policyToJson(entry.after),
    ...(entry.signing !== undefined ? { signing: signingToJson(entry.signing) } : {}),
    ...(action.kind === "promote-version" ? { keyVersionId: action.keyVersionId } : {}),
    ...(action.kind === "blocked"
      ? { reason: { code: action.reason.code, message: reasonText(action.reason) } }
      : {}),
    ...(action.kind === "error" ? { error: { code: action.error.code, message: action.error.message } } : {}),
    ...(entry.lastRotationDate !== undefined ? { lastRotationDate: entry.lastRotationDate } : {}),
    ...(entry.versionCount !== undefined ? { versionCount: entry.versionCount } : {}),
    ...(entry.warnings.length > 0 ? { warnings: entry.warnings.map(warningText) } : {}),
  };
}

/**
 * Plan JSON back into a Plan; the value must already be valid against the plan schema (see
 * `readPlanFile`, which checks it).
 *
 * @example
 * ```ts
 * const planned = planFromJson(JSON.parse(readFileSync("plan.json", "utf8")));
 * ```
 */
export function planFromJson(value: unknown): Plan {
  const json = value as PlanJson;
  const { changes, blocked, unchanged, errors } = json.summary;
  return {
    formatVersion: 1,
    now: json.now,
    summary: { changes, blocked, unchanged, errors: errors ?? 0 },
    keys: json.keys.map(keyFromJson),
    ...(json.shard ? { shard: shardFromJson(json.shard) } : {}),
  };
}

function keyFromJson(json: KeyPlanJson): KeyPlan {
  const after = policyFromJson(json.after);
  return {
    ...entryHeader(json),
    action: actionFromJson(json, after),
    ...(json.before !== undefined ? { before: observedFromJson(json.before) } : {}),
    after,
    ...(json.signing !== undefined ? { signing: signingFromJson(json.signing) } : {}),
    ...(json.lastRotationDate !== undefined ? { lastRotationDate: json.lastRotationDate } : {}),
    ...(json.versionCount !== undefined ? { versionCount: json.versionCount } : {}),
    // The file's words are kept: it is the user's record of what was planned.
    warnings: (json.warnings ?? []).map((message) => ({ message })),
  };
}

function actionFromJson(json: KeyPlanJson, after: RotationPolicy): Action {
  switch (json.action) {
    case "none":
      return { kind: "none" };
    case "create-key-version":
      return { kind: "create-key-version" };
    case "promote-version":
      return { kind: "promote-version", keyVersionId: json.keyVersionId ?? "" };
    case "update-rotation-policy":
      return after.mode === "automatic"
        ? { kind: "update-rotation-policy", enable: true, interval: after.interval }
        : { kind: "update-rotation-policy", enable: false };
    case "blocked": {
      const reason = json.reason as NonNullable<KeyPlanJson["reason"]>;
      return { kind: "blocked", reason: { code: reason.code, message: reason.message } };
    }
    case "error": {
      const error = json.error as NonNullable<KeyPlanJson["error"]>;
      return { kind: "error", error: { code: error.code, message: error.message } };
    }
    default:
      return json.action satisfies never;
  }
}
