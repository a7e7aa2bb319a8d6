// Run a plan through KMS: each write preceded by a fresh read of that key, a lost response resolved by
// reading again (never by sending blindly), one failed key never stopping the others.

import { isKmsError } from "../kms/errors.js";
import type { Kms } from "../kms/types.js";
import {
  type Action,
  type ApplyResult,
  applyVerdict,
  type KeyOutcome,
  type KeyPlan,
  type KeyResult,
  type ObservedKey,
  type Plan,
  summarizeResults,
} from "../model/index.js";
import { planKey, toIso } from "../plan/index.js";
import { DEFAULT_CONCURRENCY, type KmsForRegion } from "./kms-set.js";
import { observeKey } from "./observe.js";
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
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: ApplyEvent) => void;
}

/** How many times one key's write is sent when its responses keep getting lost. */
const MAX_WRITES = 4;

export async function applyPlan(
  plan: Plan,
  kmsFor: KmsForRegion,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const results = new Array<KeyResult>(plan.keys.length);
  const indexed = plan.keys.map((kp, index) => ({ kp, index }));
  let done = 0;
  await Promise.all(
    [...groupBy(indexed, (x) => x.kp.region)].map(([region, group]) =>
      mapPool(group, options.concurrency ?? DEFAULT_CONCURRENCY, async ({ kp, index }) => {
        const outcome = await applyKey(kp, () => kmsFor(region), options);
        const result: KeyResult = {
          key: kp.key,
          region: kp.region,
          keyId: kp.keyId,
          action: kp.action,
          outcome,
        };
        results[index] = result;
        options.onEvent?.({ type: "key-finished", result, done: ++done, total: plan.keys.length });
      }),
    ),
  );
  const summary = summarizeResults(results);
  return { formatVersion: 1, now: toIso(options.now), summary, verdict: applyVerdict(summary), results };
}

async function applyKey(kp: KeyPlan, kms: () => Kms, options: ApplyOptions): Promise<KeyOutcome> {
  switch (kp.action.kind) {
    case "none":
      return { status: "unchanged" };
    case "blocked":
      return { status: "blocked" };
    case "update-rotation-policy":
    case "create-key-version":
      if (options.signal?.aborted) return failed("Interrupted", "not attempted: the apply was interrupted");
      try {
        return await converge(kp, kms(), options);
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
async function converge(kp: KeyPlan, kms: Kms, options: ApplyOptions): Promise<KeyOutcome> {
  const call = { signal: options.signal };
  const desired = {
    key: kp.key,
    region: kp.region,
    ref: { kind: "id" as const, keyId: kp.keyId as string },
    rotation: kp.after,
  };
  let unknownWrite: { readonly before: ObservedKey; readonly action: Write } | undefined;
  let lastError: unknown;
  let done: KeyOutcome | undefined;
  for (let writes = 0; writes < MAX_WRITES; writes++) {
    const fresh = await observeKey(
      desired,
      (id) => kms.describeKey(id, call),
      (id) => kms.countKeyVersions(id, call),
    );
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
    try {
      if (action.kind === "create-key-version") {
        const version = await kms.createKeyVersion(fresh.key.keyId, call);
        return { status: "applied", detail: `new version ${version.keyVersionId}` };
      }
      await kms.updateRotationPolicy(fresh.key.keyId, action.enable, action.interval, call);
      done = { status: "applied" };
      if (kp.after.mode !== "manual") return done;
    } catch (error) {
      if (!isKmsError(error) || !error.outcomeUnknown) throw error;
      unknownWrite = { before: fresh.key, action };
      lastError = error;
    }
  }
  return done ?? failedFrom(lastError);
}

type Write = Extract<Action, { kind: "update-rotation-policy" | "create-key-version" }>;

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
  if (isKmsError(error)) return failed(error.code, error.message);
  if (error instanceof Error && error.name === "AbortError")
    return failed("Interrupted", "the apply was interrupted");
  throw error;
}
