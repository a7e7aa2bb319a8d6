// Run a plan through KMS: each write preceded by a fresh read of that key (unless the caller hands in
// one taken moments ago), a lost response resolved by reading again (never by sending blindly), one
// failed key never stopping the others. Interrupted (options.signal), no new write is started, but a
// write already sent is waited for and, if its answer was lost, settled by reading the key.

import { isKmsError } from "../kms/errors.js";
import type { Kms } from "../kms/types.js";
import {
  type ApplyResult,
  applyVerdict,
  type KeyOutcome,
  type KeyPlan,
  type KeyResult,
  type Observation,
  type Plan,
  summarizeResults,
} from "../model/index.js";
import { DEFAULT_CONCURRENCY, type KmsForRegion } from "../observe/kms-set.js";
import { groupBy, mapPool } from "../observe/pool.js";
import { freshObservation, type TimedRead } from "../observe/timed-read.js";
import { toIso, unitKey } from "../plan/index.js";
import { converge, failed } from "./converge.js";
import type { ApplyOptions } from "./options.js";

export type { ApplyEvent, ApplyOptions } from "./options.js";

/**
 * Runs a plan through KMS: a fresh read of each key before its write, a lost response settled by
 * reading, never by sending again; one failed key never stops the others. Progress via `onEvent`.
 * `reads`: reads of the plan's keys (by index) taken earlier in this run, e.g. by a saved plan's
 * staleness check; one still fresh is decided on instead of reading the key again.
 *
 * @example
 * ```ts
 * const result = await applyPlan(planned, (region) => createKms({ region }), { now: new Date() });
 * console.log(result.verdict, result.summary);
 * ```
 */
export async function applyPlan(
  plan: Plan,
  kmsFor: KmsForRegion,
  options: ApplyOptions,
  reads: readonly (TimedRead | undefined)[] = [],
): Promise<ApplyResult> {
  const results = new Array<KeyResult>(plan.keys.length);
  const indexed = plan.keys.map((kp, index) => ({ kp, index }));
  let done = 0;
  await Promise.all(
    [...groupBy(indexed, (x) => unitKey(x.kp))].map(([, group]) =>
      mapPool(group, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ kp, index }) => {
        const given = freshObservation(reads[index]);
        const outcome = await applyKey(kp, () => kmsFor(kp.region, kp.account), options, given);
        results[index] = resultOf(kp, outcome);
        options.onEvent?.({
          type: "key-finished",
          result: results[index],
          done: ++done,
          total: plan.keys.length,
        });
      }),
    ),
  );
  return applyResult(results, options);
}

/**
 * {@link applyPlan} by the name the contract gives it.
 *
 * @example
 * ```ts
 * await apply(plan(config.keys, observations, now), kmsFor, { now });
 * ```
 */
export const apply: typeof applyPlan = applyPlan;

/** A key's result names the write actually made when there was one: the key is decided again when re-read. */
export function resultOf(kp: KeyPlan, outcome: KeyOutcome): KeyResult {
  const action = outcome.status === "applied" && outcome.done ? outcome.done : kp.action;
  const account = kp.account === undefined ? {} : { account: kp.account };
  return { key: kp.key, region: kp.region, ...account, keyId: kp.keyId, action, outcome };
}

export function applyResult(results: readonly KeyResult[], options: ApplyOptions): ApplyResult {
  const summary = summarizeResults(results);
  const interrupted = options.signal?.aborted === true;
  return {
    formatVersion: 1,
    now: toIso(options.now),
    summary,
    verdict: applyVerdict(summary, interrupted),
    results,
    ...(interrupted ? { interrupted: true } : {}),
  };
}

/** One planned key's outcome. `observed`: a read of the key taken just now, so no re-read is needed. */
export async function applyKey(
  kp: KeyPlan,
  kms: () => Kms,
  options: ApplyOptions,
  observed?: Observation,
): Promise<KeyOutcome> {
  switch (kp.action.kind) {
    case "none":
      return { status: "unchanged" };
    case "blocked":
      return { status: "blocked" };
    case "error":
      return failed(kp.action.error.code, `not read: ${kp.action.error.message}`);
    case "update-rotation-policy":
    case "create-key-version":
    case "promote-version":
      if (options.signal?.aborted) return { status: "not-attempted" };
      try {
        return await converge(kp, kms(), options, observed);
      } catch (error) {
        return failedFrom(error);
      }
    default:
      return kp.action satisfies never;
  }
}

function failedFrom(error: unknown): KeyOutcome {
  // Stopped before the write was sent (or before the read that would have preceded it): nothing done.
  if (isKmsError(error) && error.code === "Aborted" && !error.outcomeUnknown)
    return { status: "not-attempted" };
  if (isKmsError(error)) return failed(error.code, error.message);
  if (error instanceof Error && error.name === "AbortError") return { status: "not-attempted" };
  throw error;
}
