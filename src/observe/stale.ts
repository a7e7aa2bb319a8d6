// A saved plan is applied only to the world it was made for: re-read every key and name each that moved.

import type { KeyPlan } from "../model/index.js";
import {
  DESCRIPTIVE_FIELDS,
  type FingerprintChange,
  fingerprintOf,
  type ObservedFingerprint,
} from "../model/index.js";
import { unitKey } from "../plan/index.js";
import type { KmsForRegion } from "./kms-set.js";
import { KeyReadError, kmsReader, observeKey } from "./observe.js";
import { groupBy, mapPool } from "./pool.js";
import type { TimedRead } from "./timed-read.js";

export interface MovedKey {
  readonly key: string;
  readonly region: string;
  /** Worded by the model's `fingerprintChangeText`. */
  readonly changes: readonly FingerprintChange[];
}

export interface Staleness {
  /** Every key whose state differs from its saved fingerprint; empty when the plan still holds. */
  readonly moved: readonly MovedKey[];
  /**
   * By key index, the reads apply may decide on instead of reading again (DESIGN rule 6 asks for a fresh
   * read in the same apply; this is one), for the keys the plan writes.
   */
  readonly reads: readonly (TimedRead | undefined)[];
}

/** Re-reads every key of a saved plan and compares it with the fingerprint the plan recorded. */
export async function movedKeys(
  keys: readonly KeyPlan[],
  observed: ReadonlyMap<number, ObservedFingerprint>,
  kmsFor: KmsForRegion,
  options: { concurrency: number; now: Date; signal?: AbortSignal },
): Promise<Staleness> {
  const moved: (MovedKey | undefined)[] = new Array(keys.length);
  const reads: (TimedRead | undefined)[] = new Array(keys.length);
  await Promise.all(
    [
      ...groupBy(
        keys.map((kp, index) => ({ kp, index })),
        (x) => unitKey(x.kp),
      ),
    ].map(([, group]) => {
      const { region, account } = (group[0] as (typeof group)[number]).kp;
      const kms = kmsFor(region, account);
      // Keys with nothing to write are read first, so the reads apply writes on are the newest when the
      // check ends (a read is decided on only while fresh); the changes keep their order, as apply's.
      const ordered = [...group.filter((x) => !writes(x.kp)), ...group.filter((x) => writes(x.kp))];
      return mapPool(ordered, options.concurrency, async ({ kp, index }) => {
        const before = observed.get(index);
        const lookup = before?.keyId ?? kp.key;
        const ref = { kind: "id" as const, keyId: lookup };
        // Count versions where the plan did, so the fingerprints compare like with like. A key to write
        // is read as the read before its write would read it (counted when due; a count the plan did not
        // record is left out of the comparison), so apply can decide on this read; the rest never.
        const count =
          before?.versionCount !== undefined ? "always" : writes(kp) ? ("when-due" as const) : "never";
        const reader = kmsReader(kms, options.signal);
        // The saved plan's account and region are checked again: a key read elsewhere is not this one.
        const declared = { key: kp.key, region, ...(account === undefined ? {} : { account }) };
        const now = await observeKey(
          { ...declared, ref, rotation: kp.after, ...(kp.signing ? { signing: kp.signing } : {}) },
          reader,
          options.now,
          count,
        ).catch((error: unknown) => {
          throw new KeyReadError(kp.key, region, error);
        });
        if (now.found === "unknown") throw new KeyReadError(kp.key, region, now.error);
        if (writes(kp)) reads[index] = { observation: now, at: performance.now() };
        const after = now.found ? fingerprintOf(now.key) : undefined;
        const changes = differences(
          before && decidedOn(before, kp),
          after && before ? decidedOn(asRecorded(after, before), kp) : after,
        );
        if (changes.length > 0) moved[index] = { key: kp.key, region, changes };
      });
    }),
  );
  return { moved: moved.filter((m): m is MovedKey => m !== undefined), reads };
}

function writes(kp: KeyPlan): boolean {
  return (
    kp.action.kind === "update-rotation-policy" ||
    kp.action.kind === "create-key-version" ||
    kp.action.kind === "promote-version"
  );
}

/**
 * The fresh fingerprint with only the fields the plan could have recorded: the version count only where
 * it was counted, and the fields that never change for a key only if the plan is new enough to hold them.
 */
function asRecorded(after: ObservedFingerprint, before: ObservedFingerprint): ObservedFingerprint {
  const kept: Record<string, unknown> = { ...after };
  if (before.versionCount === undefined) delete kept.versionCount;
  if (DESCRIPTIVE_FIELDS.every((f) => before[f] === undefined)) {
    for (const field of DESCRIPTIVE_FIELDS) delete kept[field];
  }
  return kept as unknown as ObservedFingerprint;
}

/**
 * Only a manual key's plan decides on when it last rotated. KMS rotates a key with automatic rotation by
 * itself, at NextRotationDate or some time after it: that moves LastRotationDate and the primary version
 * of keys whose plan never looked at them, and is no reason to call the plan stale.
 */
function decidedOn(fingerprint: ObservedFingerprint, kp: KeyPlan): ObservedFingerprint {
  if (kp.after.mode === "manual") return fingerprint;
  const { lastRotationDate: _last, primaryKeyVersion: _primary, ...rest } = fingerprint;
  return rest;
}

/** The fields that differ, each with its value before and after; empty when the key is as it was. */
export function differences(
  before: ObservedFingerprint | undefined,
  after: ObservedFingerprint | undefined,
): FingerprintChange[] {
  if (!before || !after) return before === after ? [] : [{ gone: before !== undefined }];
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof ObservedFingerprint>;
  return [...fields]
    .filter((f) => before[f] !== after[f])
    .map((field) => ({ field, before: before[field], after: after[field] }));
}
