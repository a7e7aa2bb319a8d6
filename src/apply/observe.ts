// Read every declared key from KMS: DescribeKey by id, alias or ARN, plus the version count for keys
// whose rule needs it. Regions are read in parallel, each with its own bound.

import { isKmsError } from "../kms/errors.js";
import type { DesiredKey, KeyRef, Observation, ObservedKey } from "../model/index.js";
import { rulesFor } from "../plan/index.js";
import type { KmsForRegion } from "./kms-set.js";
import { groupBy, mapPool } from "./pool.js";

export interface ObserveOptions {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  /** Called after each key is read, for progress displays. */
  readonly onKey?: (done: number, total: number) => void;
}

/** `result[i]` is what KMS shows for `desired[i]`. Throws a KmsError when KMS cannot be read. */
export async function observeKeys(
  desired: readonly DesiredKey[],
  kmsFor: KmsForRegion,
  options: ObserveOptions,
): Promise<Observation[]> {
  const results = new Array<Observation>(desired.length);
  const indexed = desired.map((d, index) => ({ d, index }));
  let done = 0;
  await Promise.all(
    [...groupBy(indexed, (x) => x.d.region)].map(([region, group]) => {
      const kms = kmsFor(region);
      return mapPool(group, options.concurrency, async ({ d, index }) => {
        options.signal?.throwIfAborted();
        const call = { signal: options.signal };
        results[index] = await observeKey(
          d,
          (id) => kms.describeKey(id, call),
          (id) => kms.countKeyVersions(id, call),
        ).catch((error: unknown) => {
          throw new KeyReadError(d.key, region, error);
        });
        options.onKey?.(++done, desired.length);
      });
    }),
  );
  return results;
}

/** KMS could not be read for a declared key (after retries): the whole operation stops. */
export class KeyReadError extends Error {
  override readonly name = "KeyReadError";
  constructor(
    readonly key: string,
    readonly region: string,
    override readonly cause: unknown,
  ) {
    super(`cannot read ${key} in ${region}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** One key: its metadata, and its version count when it is declared manual and manual rotation applies. */
export async function observeKey(
  desired: Pick<DesiredKey, "ref" | "rotation">,
  describe: (keyId: string) => Promise<ObservedKey>,
  countVersions: (keyId: string) => Promise<number>,
): Promise<Observation> {
  let key: ObservedKey;
  try {
    key = await describe(lookupId(desired.ref));
  } catch (error) {
    const missing = notFound(error);
    if (missing) return missing;
    throw error;
  }
  if (desired.rotation.mode !== "manual" || !rulesFor(key).manual.supported) return { found: true, key };
  return { found: true, key: { ...key, versionCount: await countVersions(key.keyId) } };
}

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
