// Read every declared key from KMS: one DescribeKey by id, alias or ARN, plus ListKeyVersions only for
// a manual key that is due (its count decides). A key that cannot be read after retries becomes an
// `unknown` observation and the others are still read; an unreachable endpoint or an interrupt stops all.

import { setMaxListeners } from "node:events";
import { isKmsError, kmsErrorText } from "../kms/errors.js";
import { isRegionWide } from "../kms/region-wide.js";
import type { Kms } from "../kms/types.js";
import {
  ACTIVE_SINCE_TAG,
  ACTIVE_VERSION_TAG,
  canSign,
  type DesiredKey,
  type KeyRef,
  type Observation,
  type ObservedKey,
  type SigningObservation,
} from "../model/index.js";
import { foreignKey, needsVersionCount, unitKey } from "../plan/index.js";
import { ownerMismatchError } from "../words/problem-text.js";
import type { KmsForRegion } from "./kms-set.js";
import { groupBy, mapPool } from "./pool.js";

export interface ObserveOptions {
  readonly concurrency: number;
  /** Due-ness (and so whether versions are counted) is judged at this instant. */
  readonly now: Date;
  readonly signal?: AbortSignal;
  /** Called after each key is read, for progress displays. */
  readonly onKey?: (done: number, total: number) => void;
  /** Which keys get ListKeyVersions when not only due ones (the forecast: every key that may reach its cap). */
  readonly countVersions?: (desired: DesiredKey, key: ObservedKey) => boolean;
}

/**
 * Reads every declared key from KMS (DescribeKey, ListKeyVersions for manual keys): the second input
 * of `plan`, `result[i]` for `desired[i]`. A key that cannot be read is an observation saying so; a
 * whole region that cannot be read throws a KmsError.
 *
 * @example
 * ```ts
 * const kmsFor = (region: string) => createKms({ region });
 * const observations = await observeKeys(config.keys, kmsFor, { concurrency: 16, now: new Date() });
 * ```
 */
export async function observeKeys(
  desired: readonly DesiredKey[],
  kmsFor: KmsForRegion,
  options: ObserveOptions,
): Promise<Observation[]> {
  const results = new Array<Observation>(desired.length);
  await observeEach(desired, kmsFor, options, (index, observation) => {
    results[index] = observation;
  });
  return results;
}

/**
 * observeKeys, each key's observation handed to `each` as soon as it is read (in no set order) instead of
 * kept: a caller that needs only what it makes of each (plan's entries) holds no observations.
 */
export async function observeEach(
  desired: readonly DesiredKey[],
  kmsFor: KmsForRegion,
  options: ObserveOptions,
  each: (index: number, observation: Observation) => void,
): Promise<void> {
  // A region that cannot be reached at all stops the other regions' reads too: the run has failed.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  // Every read in flight, in every (account, region) unit, waits on this one signal and lets go of it
  // when done: many listeners at once is the design, not a leak, so Node's warning at 11 is noise.
  setMaxListeners(0, signal);
  let done = 0;
  await Promise.all(
    // One client per (account, region): each has its own endpoint, credentials and quota.
    [...groupBy([...desired.keys()], (i) => unitKey(desired[i] as DesiredKey))].map(([, group]) => {
      const { region, account } = desired[group[0] as number] as DesiredKey;
      const kms = kmsFor(region, account);
      return mapPool(group, options.concurrency, async (index) => {
        signal.throwIfAborted();
        const d = desired[index] as DesiredKey;
        const count = options.countVersions;
        const policy = count ? (key: ObservedKey) => count(d, key) : "when-due";
        const observation = await readKey(d, kms, options.now, signal, policy).catch((error: unknown) => {
          stop.abort(error);
          throw error;
        });
        each(index, observation);
        options.onKey?.(++done, desired.length);
      });
    }),
  ).catch((error: unknown) => {
    throw firstCause(stop.signal, error);
  });
}

/** One declared key, its read failure (after the client's retries) kept as an `unknown` observation. */
export async function readKey(
  d: DesiredKey,
  kms: Kms,
  now: Date,
  signal?: AbortSignal,
  countVersions: VersionCounting = "when-due",
): Promise<Observation> {
  try {
    return await observeKey(d, kmsReader(kms, signal), now, countVersions);
  } catch (error) {
    if (!isKmsError(error) || signal?.aborted || isRegionWide(error)) throw error;
    return { found: "unknown", error: { code: error.code, message: error.message } };
  }
}

/** KMS could not be read for a key of a saved plan (after retries): the plan cannot be checked. */
export class KeyReadError extends Error {
  override readonly name = "KeyReadError";
  constructor(
    readonly key: string,
    readonly region: string,
    override readonly cause: unknown,
  ) {
    super(`cannot read ${key} in ${region}: ${isKmsError(cause) ? kmsErrorText(cause) : textOf(cause)}`);
  }
}

export interface KeyReader {
  describe(keyId: string): Promise<ObservedKey>;
  countVersions(keyId: string): Promise<number>;
  /** A signing key's versions (one page: the cap is 50) and its pointer tags. */
  signing?(keyId: string): Promise<SigningObservation>;
}

export function kmsReader(kms: Kms, signal?: AbortSignal): KeyReader {
  const call = signal ? { signal } : {};
  return {
    describe: (id) => kms.describeKey(id, call),
    countVersions: (id) => kms.countKeyVersions(id, call),
    signing: (id) => readSigning(kms, id, call),
  };
}

/** One ListResourceTags and one ListKeyVersions page: the read budget of a signing key (section 12). */
export async function readSigning(
  kms: Kms,
  keyId: string,
  call: { signal?: AbortSignal } = {},
): Promise<SigningObservation> {
  const tags = await kms.listResourceTags(keyId, call);
  const page = await kms.listKeyVersions(keyId, 1, SIGNING_PAGE_SIZE, call);
  const tag = (name: string) => tags.find((t) => t.key === name)?.value;
  const activeVersion = tag(ACTIVE_VERSION_TAG);
  const activeSince = tag(ACTIVE_SINCE_TAG);
  return {
    versions: page.items.map((v) => ({ keyVersionId: v.keyVersionId, creationDate: v.creationDate })),
    ...(activeVersion === undefined ? {} : { activeVersion }),
    ...(activeSince === undefined ? {} : { activeSince }),
  };
}

/** The service's largest page; a key holds at most 50 versions, so one page lists them all. */
const SIGNING_PAGE_SIZE = 100;

/**
 * One key: its metadata, and its version count when planning needs it (a due manual key), or always
 * with `"always"` / never with `"never"` (a saved plan compares what it recorded). Throws what KMS threw.
 */
export async function observeKey(
  desired: Pick<DesiredKey, "ref" | "rotation"> &
    Partial<Pick<DesiredKey, "key" | "region" | "account" | "signing">>,
  reader: KeyReader,
  now: Date,
  countVersions: VersionCounting = "when-due",
): Promise<Observation> {
  let key: ObservedKey;
  try {
    key = await reader.describe(lookupId(desired.ref));
  } catch (error) {
    const missing = notFound(error);
    if (missing) return missing;
    throw error;
  }
  // Another account's (or region's) key is not the declared one: it is not read, so never written.
  const foreign = foreignKey(desired, key);
  if (foreign) return { found: "unknown", error: ownerMismatchError(foreign) };
  if (desired.signing !== undefined && reader.signing && canSign(key.keySpec, key.keyUsage)) {
    const signing = await reader.signing(key.keyId);
    key = { ...key, signing, versionCount: signing.versions.length };
  }
  const count =
    typeof countVersions === "function"
      ? countVersions(key)
      : countVersions === "always" ||
        (countVersions === "when-due" && needsVersionCount(desired.rotation, key, now));
  if (!count) return { found: true, key };
  return { found: true, key: { ...key, versionCount: await reader.countVersions(key.keyId) } };
}

/** When a key's versions are counted: as planning needs, always, never, or as the caller decides. */
export type VersionCounting = "when-due" | "always" | "never" | ((key: ObservedKey) => boolean);

export function lookupId(ref: KeyRef): string {
  switch (ref.kind) {
    case "id":
    case "arn":
      return ref.keyId;
    case "alias":
      return ref.alias;
    default:
      return ref satisfies never;
  }
}

function notFound(error: unknown): Observation | undefined {
  if (!isKmsError(error)) return undefined;
  if (error.code === "Forbidden.KeyNotFound") {
    return { found: false, code: "KeyNotFound", message: "no key with this id exists in the region" };
  }
  if (error.code === "Forbidden.AliasNotFound") {
    return { found: false, code: "AliasNotFound", message: "no key has this alias in the region" };
  }
  return undefined;
}

// Once one region failed, the others' reads end as Aborted: report the failure that started it.
function firstCause(stopped: AbortSignal, error: unknown): unknown {
  return stopped.aborted && isKmsError(stopped.reason) ? stopped.reason : error;
}

function textOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String((cause as { message?: string })?.message ?? cause);
}
