// The planner: declared keys and what KMS shows in, a Plan out. No I/O, no clock of its own.

import {
  type DesiredKey,
  type KeyPlan,
  type Observation,
  PLAN_FORMAT_VERSION,
  type Plan,
  summarize,
} from "../model/index.js";
import { planKey } from "./plan-key.js";
import { toIso } from "./time.js";

export { observedPolicy, stateBlock } from "./observed-policy.js";
export { ACCOUNT_MISMATCH, type DeclaredOwner, foreignKey, REGION_MISMATCH } from "./owner.js";
export { needsVersionCount, planKey } from "./plan-key.js";
export { type KeyRules, rulesFor, type Support } from "./rules.js";

/**
 * The pure planner: declared keys and what KMS showed for each (`observations[i]` for `desired[i]`) in,
 * a Plan out. The clock is an argument; it never throws for a key (a key it cannot handle is `blocked`
 * with a reason).
 *
 * @example
 * ```ts
 * const now = new Date();
 * const observations = await observeKeys(config.keys, kmsFor, { concurrency: 16, now });
 * const changes = plan(config.keys, observations, now).keys.filter((k) => k.action.kind !== "none");
 * ```
 */
export function plan(desired: readonly DesiredKey[], observations: readonly Observation[], now: Date): Plan {
  if (observations.length !== desired.length) {
    throw new Error(`plan: ${desired.length} keys but ${observations.length} observations`);
  }
  return planOf(
    desired.map((d, i) => planKey(d, observations[i] as Observation, now)),
    now,
  );
}

/** A Plan of keys already planned (one by one, as apply's one pass plans them): the one assembly. */
export function planOf(keys: readonly KeyPlan[], now: Date): Plan {
  return { formatVersion: PLAN_FORMAT_VERSION, now: toIso(now), summary: summarize(keys), keys };
}

export { type AuditSubject, auditCountsVersions, auditKey, auditReport } from "./audit.js";
export { driftEntry, driftReport } from "./drift.js";
export {
  DEFAULT_HORIZON,
  type ForecastResult,
  type ForecastSubject,
  forecast,
  forecastProblems,
  horizonVerdict,
  MAX_FORECAST_ROTATIONS,
  MAX_HORIZON,
} from "./forecast.js";
export { glob, isIgnored, type KeyIdentity } from "./ignore.js";
export {
  type ImportCandidate,
  type ImportDecisions,
  type ImportedDeclaration,
  importDecisions,
} from "./import.js";
export { type Merged, mergeDriftReports, mergePlans, type Part } from "./merge.js";
export { mergeAuditReports, mergeForecasts, mergePublished } from "./merge-reports.js";
export { baselineBreaches, declaredBreaches, type PolicyScope, policyProblems } from "./policy.js";
export { checkPublished, type PublishedCheck } from "./published.js";
export { manualDueAt, scheduleOf } from "./schedule.js";
export {
  compareUnits,
  inShard,
  MAX_SHARDS,
  parseShard,
  type Shard,
  shardProblem,
  shardUnits,
  type Unit,
  unitKey,
  unitsOf,
} from "./shard.js";
export { type Lifecycle, publishedVersions, signingLifecycle, type VersionView } from "./signing.js";
export { decideSigning, signingBlock } from "./signing-decision.js";
export { toIso } from "./time.js";
export { type ListedKey, unmanagedEntries } from "./unmanaged.js";
