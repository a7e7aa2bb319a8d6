// One key's change made so: read, decide again on what was read, write; a write whose answer was lost is
// settled by reading the key (never by sending it blindly), persistently, even after an interrupt.

import { isKmsError } from "../kms/errors.js";
import type { Kms } from "../kms/types.js";
import {
  ACTIVE_SINCE_TAG,
  ACTIVE_VERSION_TAG,
  type Action,
  type KeyOutcome,
  type KeyPlan,
  type Observation,
  type ObservedKey,
} from "../model/index.js";
import { kmsReader, observeKey } from "../observe/observe.js";
import { planKey, toIso } from "../plan/index.js";
import { reasonText } from "../words/problem-text.js";
import type { ApplyOptions } from "./options.js";

/** How many times one key's write is sent when its responses keep getting lost (each settled by a read). */
const MAX_WRITES = 8;
/** Reads (each with the client's own retries) spent learning what a write whose answer was lost did. */
const SETTLE_ROUNDS = 5;

/** The planned key as the planner takes it again on each fresh read, addressed by its KeyId. */
function desiredOf(kp: KeyPlan) {
  return {
    key: kp.key,
    region: kp.region,
    // The account is checked on every re-read too: a write goes only to the declared account's key.
    ...(kp.account === undefined ? {} : { account: kp.account }),
    ref: { kind: "id" as const, keyId: kp.keyId as string },
    rotation: kp.after,
    ...(kp.signing === undefined ? {} : { signing: kp.signing }),
  };
}

/**
 * Read, decide again on what was read, write; after a lost response, read to learn whether it took effect.
 * A manual key that also rotated automatically (a key in a software KMS instance) takes two writes:
 * automatic rotation off, then a version if one is due, each decided on a fresh read.
 */
export async function converge(
  kp: KeyPlan,
  kms: Kms,
  options: ApplyOptions,
  observed: Observation | undefined,
): Promise<KeyOutcome> {
  const desired = desiredOf(kp);
  const state: Progress = {};
  let given = observed;
  for (let writes = 0; ; writes++) {
    const fresh = given ?? (await readFor(desired, kms, options, state));
    given = undefined;
    if (fresh.found === "unknown") return unreadable(fresh.error, state);
    if (!fresh.found) return failed(fresh.code, `${fresh.message} (it was there when planned)`);
    if (state.unknown && tookEffect(state.unknown.action, state.unknown.before, fresh.key)) {
      state.done = {
        status: "applied",
        detail: "confirmed by reading the key after the response was lost",
        done: state.unknown.action,
      };
      if (kp.after.mode !== "manual" || options.exactPlan) return state.done;
    }
    state.unknown = undefined;
    const action = planKey(desired, fresh, options.now).action;
    if (action.kind === "none") return state.done ?? { status: "unchanged", detail: unchangedDetail(state) };
    if (action.kind === "blocked") return failed(action.reason.code, reasonText(action.reason));
    if (action.kind === "error") return failed(action.error.code, action.error.message);
    // Refused once and still wanted on a fresh read: the refusal was about this key, not a race.
    if (state.refused) throw state.refused;
    if (options.signal?.aborted) return state.done ?? { status: "not-attempted" };
    if (writes >= MAX_WRITES) return state.done ?? lostEveryTime(state.lastError);
    try {
      const made = await write(kms, fresh.key, action, options);
      // Of two writes (automatic rotation off, then a version), the result names the first, as planned.
      const outcome = state.done?.status === "applied" && state.done.done ? both(state.done, made) : made;
      if (action.kind === "create-key-version" || kp.after.mode !== "manual" || options.exactPlan)
        return outcome;
      state.done = outcome;
    } catch (error) {
      if (state.done && isKmsError(error) && error.code === "Aborted" && !error.outcomeUnknown)
        return state.done;
      if (isKmsError(error) && refusedByState(error) && !state.refused) {
        // Another writer (a second apply, a person in the console) may have changed the key between our
        // read and our write: the 7-day rule or the state table then refuses. Read again and decide anew.
        state.refused = error;
        continue;
      }
      if (!isKmsError(error) || !error.outcomeUnknown) throw error;
      state.unknown = { before: fresh.key, action };
      state.lastError = error;
    }
  }
}

interface Progress {
  /** A write whose answer was lost, and what the key looked like when it was sent. */
  unknown?: { readonly before: ObservedKey; readonly action: Write };
  done?: KeyOutcome;
  lastError?: unknown;
  /** A write the service refused for the key's state; answered by one fresh read, never by resending. */
  refused?: unknown;
}

function unchangedDetail(state: Progress): string {
  return state.refused
    ? "already as declared when re-read after the service refused the write: another writer made the change"
    : "already as declared when re-read";
}

/** A definite refusal that a change made by someone else since our read would explain. */
function refusedByState(error: { code: string; status?: number; outcomeUnknown: boolean }): boolean {
  if (error.outcomeUnknown || error.status === undefined || error.status < 400 || error.status >= 500)
    return false;
  return (
    error.code === "Rejected.UnsupportedOperation" ||
    (error.code.startsWith("Rejected.") && error.status === 409)
  );
}

/** A read of the key: before any write, one the interrupt may stop; after a lost answer, a persistent one. */
async function readFor(
  desired: Parameters<typeof observeKey>[0],
  kms: Kms,
  options: ApplyOptions,
  state: Progress,
): Promise<Observation> {
  if (!state.unknown && !state.done) return observeKey(desired, kmsReader(kms, options.signal), options.now);
  // What a write did must be known: read again (each read with the client's own retries), interrupt or not.
  let last: unknown;
  for (let round = 0; round < SETTLE_ROUNDS; round++) {
    try {
      return await observeKey(desired, kmsReader(kms), options.now);
    } catch (error) {
      if (!isKmsError(error)) throw error;
      last = error;
    }
  }
  const error = last as { code: string; message: string };
  return { found: "unknown", error: { code: error.code, message: error.message } };
}

function unreadable(error: { code: string; message: string }, state: Progress): KeyOutcome {
  if (!state.unknown) return failed(error.code, `cannot read the key: ${error.message}`);
  return failed(
    "OutcomeUnknown",
    `the write's answer was lost and the key could not be read to learn whether it took effect: ${error.message}`,
  );
}

function lostEveryTime(error: unknown): KeyOutcome {
  const code = isKmsError(error) ? error.code : "OutcomeUnknown";
  return failed(code, `every answer to the write was lost, and reading the key shows it did not take effect`);
}

type Write = Extract<Action, { kind: "update-rotation-policy" | "create-key-version" | "promote-version" }>;

async function write(kms: Kms, key: ObservedKey, action: Write, options: ApplyOptions): Promise<KeyOutcome> {
  // The signal stops a write waiting for its turn; once sent, the client waits for its answer.
  const call = options.signal ? { signal: options.signal } : {};
  if (action.kind === "promote-version") {
    // Both tags in one call: a signer never sees a version without the instant it became active.
    const tags = [
      { key: ACTIVE_VERSION_TAG, value: action.keyVersionId },
      { key: ACTIVE_SINCE_TAG, value: toIso(options.now) },
    ];
    await kms.tagResource(key.keyId, tags, call);
    return { status: "applied", detail: `version ${action.keyVersionId} is active`, done: action };
  }
  if (action.kind === "create-key-version") {
    const version = await kms.createKeyVersion(key.keyId, call);
    return { status: "applied", detail: `new version ${version.keyVersionId}`, done: action };
  }
  await kms.updateRotationPolicy(key.keyId, action.enable, action.interval, call);
  return { status: "applied", done: action };
}

/** Whether `action`, sent when the key looked like `before`, shows in `after`. */
function tookEffect(action: Write, before: ObservedKey, after: ObservedKey): boolean {
  if (action.kind === "promote-version") return after.signing?.activeVersion === action.keyVersionId;
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

export function failed(code: string, message: string): KeyOutcome {
  return { status: "failed", error: { code, message } };
}

/** Two writes to one key as one result: named for the first, with what each did (a promotion, a version). */
function both(first: Extract<KeyOutcome, { status: "applied" }>, second: KeyOutcome): KeyOutcome {
  if (second.status !== "applied") return second;
  const detail = [first.detail, second.detail].filter((d) => d !== undefined && d !== "").join("; ");
  return { ...second, ...(detail ? { detail } : {}), ...(first.done ? { done: first.done } : {}) };
}
