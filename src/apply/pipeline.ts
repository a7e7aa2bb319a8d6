// Plan and apply in one pass, for `apply --auto-approve` of a config: each key is read once, planned,
// and its write queued at once while other keys are still being read. Reads and writes draw on separate
// quotas, so a fleet takes about max(reads / read quota, writes / write quota) instead of their sum.
// A read taken moments ago is what the write decides on (no second read), unless it waited too long.

import { isKmsError } from "../kms/errors.js";
import { regionWideCode } from "../kms/region-wide.js";
import type { Kms } from "../kms/types.js";
import type { ApplyResult, DesiredKey, KeyPlan, KeyResult, Observation, Plan } from "../model/index.js";
import { DEFAULT_CONCURRENCY, type KmsForRegion } from "../observe/kms-set.js";
import { readKey } from "../observe/observe.js";
import { groupBy, mapPool, workQueue } from "../observe/pool.js";
import { freshObservation } from "../observe/timed-read.js";
import { planKey, planOf, unitKey } from "../plan/index.js";
import { sameKeyTwiceText } from "../words/plan-file-text.js";
import { type ApplyOptions, applyKey, applyResult, resultOf } from "./execute.js";

export interface PlanAndApply {
  readonly plan: Plan;
  readonly observations: readonly Observation[];
  readonly result: ApplyResult;
}

const INTERRUPTED: Observation = {
  found: "unknown",
  error: { code: "Interrupted", message: "the apply was interrupted before the key was read" },
};

export async function planAndApply(
  desired: readonly DesiredKey[],
  kmsFor: KmsForRegion,
  options: ApplyOptions & { readonly onRead?: (done: number, total: number) => void },
): Promise<PlanAndApply> {
  const observations = new Array<Observation>(desired.length);
  const keys = new Array<KeyPlan>(desired.length);
  const results = new Array<KeyResult>(desired.length);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  let read = 0;
  let finished = 0;
  const finish = (index: number, result: KeyResult) => {
    results[index] = result;
    options.onEvent?.({ type: "key-finished", result, done: ++finished, total: desired.length });
  };
  await Promise.all(
    [
      ...groupBy(
        desired.map((d, index) => ({ d, index })),
        (x) => unitKey(x.d),
      ),
    ].map(async ([, group]) => {
      // One client per (account, region): its own endpoint, credentials and quota.
      const { region, account } = (group[0] as (typeof group)[number]).d;
      const kms = kmsFor(region, account);
      const writes = workQueue(concurrency, async ({ index, at }: { index: number; at: number }) => {
        const kp = keys[index] as KeyPlan;
        const fresh = freshObservation({ observation: observations[index] as Observation, at });
        finish(index, resultOf(kp, await applyKey(kp, () => kms, options, fresh)));
      });
      // KeyId -> the declaration that resolved to it first, within this (account, region).
      const claims = new Map<string, number>();
      await mapPool(group, concurrency, async ({ d, index }) => {
        const observation = options.signal?.aborted ? INTERRUPTED : await readOne(d, kms, options);
        observations[index] = observation;
        keys[index] = onceEach(planKey(d, observation, options.now), index, claims, keys);
        options.onRead?.(++read, desired.length);
        const kp = keys[index];
        if (
          kp.action.kind === "update-rotation-policy" ||
          kp.action.kind === "create-key-version" ||
          kp.action.kind === "promote-version"
        ) {
          writes.push({ index, at: performance.now() });
        } else {
          const interrupted = observation === INTERRUPTED;
          finish(
            index,
            resultOf(kp, interrupted ? { status: "not-attempted" } : await applyKey(kp, () => kms, options)),
          );
        }
      }).finally(() => writes.close());
      await writes.drained();
    }),
  );
  const plan = planOf(keys, options.now);
  return { plan, observations, result: applyResult(results, options) };
}

/**
 * A second declaration of a key already read in this run (an alias and its KeyId, two aliases of one key)
 * is an error entry, never a write: the file names the same key twice (section 3). The reviewed path
 * refuses the whole run before any write (app/session.ts); here writes go out as keys are read, so the
 * declaration read second is the one refused.
 */
function onceEach(kp: KeyPlan, index: number, claims: Map<string, number>, keys: KeyPlan[]): KeyPlan {
  if (kp.keyId === undefined) return kp;
  const first = claims.get(kp.keyId);
  if (first === undefined) {
    claims.set(kp.keyId, index);
    return kp;
  }
  const message = sameKeyTwiceText(kp, keys[first] as KeyPlan);
  return { ...kp, action: { kind: "error", error: { code: "DuplicateKey", message } }, warnings: [] };
}

async function readOne(d: DesiredKey, kms: Kms, options: ApplyOptions): Promise<Observation> {
  try {
    return await readKey(d, kms, options.now, options.signal);
  } catch (error) {
    // Interrupted while reading: this key is left alone, like every key not read yet.
    if (options.signal?.aborted) return INTERRUPTED;
    // A region that cannot be reached leaves each of its keys unread, and the other regions go on: their
    // writes, once sent, are reported like any other (the client fails this region's later reads at once).
    if (isKmsError(error)) {
      return { found: "unknown", error: { code: regionWideCode(error.code), message: error.message } };
    }
    throw error;
  }
}
