// Run a plan through KMS: each write preceded by a fresh read of that key (unless the caller hands in
// one taken moments ago), a lost response resolved by reading again (never by sending blindly), one
// failed key never stopping the others. Interrupted (options.signal), no new write is started, but a
// write already sent is waited for and, if its answer was lost, settled by reading the key.

import { isKmsError } from "../kms/errors.js";
import type { Kms } from "../kms/types.js";
import {
  type Action,
  type ApplyResult,
  applyVerdict,
  type KeyOutcome,
  type KeyPlan,
  type KeyResult,
  type Observation,
  type ObservedKey,
  type Plan,
  summarizeResults,
} from "../model/index.js";
import { planKey, toIso, unitKey } from "../plan/index.js";
import { DEFAULT_CONCURRENCY, type KmsForRegion } from "./kms-set.js";
import { kmsReader, observeKey } from "./observe.js";
import { groupBy, mapPool } from "./pool.js";

export type ApplyEvent = {
  readonly type: "key-finished";
  readonly result: KeyResult;
  readonly done: number;
  readonly total: number;
};

export interface ApplyOptions {
  /** The instant due-ness is judged at when each key is re-read. */
  readonly now: Date;
  readonly concurrency?: number;
  /** Stops the apply: keys not yet written are not attempted; writes in flight are finished or settled. */
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

/** How many times one key's write is sent when its responses keep getting lost (each settled by a read). */
const MAX_WRITES = 8;

export async function applyPlan(
  plan: Plan,
  kmsFor: KmsForRegion,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const results = new Array<KeyResult>(plan.keys.length);
  const indexed = plan.keys.map((kp, index) => ({ kp, index }));
  let done = 0;
  await Promise.all(
    [...groupBy(indexed, (x) => unitKey(x.kp))].map(([, group]) =>
      mapPool(group, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ kp, index }) => {
        const outcome = await applyKey(kp, () => kmsFor(kp.region, kp.account), options);
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

export function resultOf(kp: KeyPlan, outcome: KeyOutcome): KeyResult {
  return { key: kp.key, region: kp.region, keyId: kp.keyId, action: kp.action, outcome };
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

/**
 * Read, decide again on what was read, write; after a lost response, read to learn whether it took effect.
 * A manual key that also rotated automatically (a key in a software KMS instance) takes two writes:
 * automatic rotation off, then a version if one is due, each decided on a fresh read.
 */
async function converge(
  kp: KeyPlan,
  kms: Kms,
  options: ApplyOptions,
  observed: Observation | undefined,
): Promise<KeyOutcome> {
  const desired = {
    key: kp.key,
    region: kp.region,
    ref: { kind: "id" as const, keyId: kp.keyId as string },
    rotation: kp.after,
  };
  let unknownWrite: { readonly before: ObservedKey; readonly action: Write } | undefined;
  let lastError: unknown;
  let done: KeyOutcome | undefined;
  let given = observed;
  for (let writes = 0; writes < MAX_WRITES; writes++) {
    // Before any write is sent an interrupt may stop the read; after one, the read must settle it.
    const signal = unknownWrite || done ? undefined : options.signal;
    const fresh = given ?? (await observeKey(desired, kmsReader(kms, signal), options.now));
    given = undefined;
    if (fresh.found === "unknown")
      return failed(fresh.error.code, `cannot read the key: ${fresh.error.message}`);
    if (!fresh.found) return failed(fresh.code, `${fresh.message} (it was there when planned)`);
    if (unknownWrite && tookEffect(unknownWrite.action, unknownWrite.before, fresh.key)) {
      done = { status: "applied", detail: "confirmed by reading the key after the response was lost" };
      unknownWrite = undefined;
      if (kp.after.mode !== "manual") return done;
    }
    const action = planKey(desired, fresh, options.now).action;
    if (action.kind === "none")
      return done ?? { status: "unchanged", detail: "already as declared when re-read" };
    if (action.kind === "blocked") return failed(action.reason.code, action.reason.message);
    if (action.kind === "error") return failed(action.error.code, action.error.message);
    if (options.signal?.aborted) return done ?? { status: "not-attempted" };
    try {
      const outcome = await write(kms, fresh.key, action, options.signal);
      if (action.kind === "create-key-version" || kp.after.mode !== "manual") return outcome;
      done = outcome;
    } catch (error) {
      if (done && isKmsError(error) && error.code === "Aborted" && !error.outcomeUnknown) return done;
      if (!isKmsError(error) || !error.outcomeUnknown) throw error;
      unknownWrite = { before: fresh.key, action };
      lastError = error;
    }
  }
  return done ?? failedFrom(lastError);
}

type Write = Extract<Action, { kind: "update-rotation-policy" | "create-key-version" }>;

async function write(
  kms: Kms,
  key: ObservedKey,
  action: Write,
  signal: AbortSignal | undefined,
): Promise<KeyOutcome> {
  // The signal stops a write waiting for its turn; once sent, the client waits for its answer.
  const call = signal ? { signal } : {};
  if (action.kind === "create-key-version") {
    const version = await kms.createKeyVersion(key.keyId, call);
    return { status: "applied", detail: `new version ${version.keyVersionId}` };
  }
  await kms.updateRotationPolicy(key.keyId, action.enable, action.interval, call);
  return { status: "applied" };
}

/** Whether `action`, sent when the key looked like `before`, shows in `after`. */
function tookEffect(action: Write, before: ObservedKey, after: ObservedKey): boolean {
  if (action.kind === "create-key-version") {
    return (
      after.lastRotationDate !== before.lastRotationDate ||
      after.primaryKeyVersion !== before.primaryKeyVersion ||
      (after.versionCount ?? 0) > (before.versionCount ?? 0)
    );
  }
  if (!action.enable) return after.automaticRotation === "Disabled";
  return after.automaticRotation !== "Disabled" && after.rotationInterval === action.interval;
}

function failed(code: string, message: string): KeyOutcome {
  return { status: "failed", error: { code, message } };
}

function failedFrom(error: unknown): KeyOutcome {
  // Stopped before the write was sent (or before the read that would have preceded it): nothing done.
  if (isKmsError(error) && error.code === "Aborted" && !error.outcomeUnknown)
    return { status: "not-attempted" };
  if (isKmsError(error)) return failed(error.code, error.message);
  if (error instanceof Error && error.name === "AbortError") return { status: "not-attempted" };
  throw error;
}
