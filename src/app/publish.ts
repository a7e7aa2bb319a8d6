// `kms-rotation publish`: the verification keys verifiers should trust, read from KMS with the section 12
// budget per signing key (DescribeKey to resolve and check it, one ListResourceTags, one ListKeyVersions
// page) plus one GetPublicKey per published version, every call paced by the region's read quota.

import type { Kms } from "../kms/types.js";
import {
  type DesiredKey,
  type Diagnostic,
  diagnostic,
  type Observation,
  type PublishedKey,
  type PublishReport,
  publishOrder,
  signingAlgorithmFor,
} from "../model/index.js";
import { observeKeys } from "../observe/observe.js";
import { mapPool } from "../observe/pool.js";
import {
  inShard,
  publishedVersions,
  shardUnits,
  signingBlock,
  signingLifecycle,
  toIso,
  unitsOf,
} from "../plan/index.js";
import { reasonText } from "../words/problem-text.js";
import { checkedConfig } from "./checked-config.js";
import { kmsFailure } from "./kms-failures.js";
import { openConnection } from "./open-connection.js";
import { type RunOptions, resolveOptions } from "./options.js";

export interface PublishOutcome {
  /** Absent when any key could not be published: a partial key set would drop keys verifiers need. */
  readonly report?: PublishReport;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads every signing key the config declares and returns the public keys of their next, active and
 * previous versions.
 *
 * @example
 * ```ts
 * import { publishKeys } from "kms-rotation";
 * const { report, diagnostics } = await publishKeys("kms.yaml");
 * if (!report) throw new Error(diagnostics.map((d) => d.message).join("\n"));
 * console.log(report.keys.flatMap((k) => k.versions.map((v) => v.keyVersionId)));
 * ```
 */
export async function publishKeys(path: string, options: RunOptions = {}): Promise<PublishOutcome> {
  const run = resolveOptions(options);
  const checked = await checkedConfig(path, run, false);
  if ("diagnostics" in checked) return { diagnostics: checked.diagnostics };
  const declared = checked.config.keys;
  if (!declared.some((k) => k.signing !== undefined)) {
    const message = `${checked.config.file} declares no signing key (a manual key with signing:)`;
    return { diagnostics: [diagnostic("error", "publish", message)] };
  }
  // --shard: the same (account, region) units of the whole config as every other command (section 11).
  const keys = (run.shard ? inShard(declared, run.shard) : declared).filter((k) => k.signing !== undefined);
  const shard = run.shard ? { ...run.shard, units: shardUnits(unitsOf(declared), run.shard) } : undefined;
  const sharded = shard ? { shard } : {};
  if (keys.length === 0) {
    const now = toIso(run.now ?? new Date());
    return { report: { formatVersion: 1, now, keys: [], ...sharded }, diagnostics: [] };
  }
  const regions = [...new Set(keys.map((k) => k.region))];
  const opened = await openConnection(
    checked.config.provider,
    regions,
    run,
    { moveLocalClock: false },
    `for ${checked.config.file}`,
  );
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const connection = opened.ok;
  try {
    const now = connection.now;
    const read = { concurrency: run.concurrency, now, signal: run.signal };
    const observations = await observeKeys(keys, connection.kmsFor, read);
    const entries = keys.map((d, i) => entryOf(d, observations[i] as Observation, now.getTime()));
    const problems = entries.flatMap((e) => ("problem" in e ? [e.problem] : []));
    if (problems.length > 0) return { diagnostics: problems };
    const published = await mapPool(entries as Extract<Entry, { ok: true }>[], run.concurrency, async (e) =>
      withPublicKeys(e, connection.kmsFor(e.desired.region, e.desired.account), run.signal),
    );
    // One order everywhere (section 12: by key, then version creation time), JSON included.
    const report = { formatVersion: 1 as const, now: toIso(now), keys: publishOrder(published), ...sharded };
    return { report, diagnostics: [] };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await connection.close();
  }
}

type Entry =
  | {
      readonly ok: true;
      readonly desired: DesiredKey;
      readonly key: Omit<PublishedKey, "versions">;
      readonly versions: ReturnType<typeof publishedVersions>;
    }
  | { readonly problem: Diagnostic };

function entryOf(d: DesiredKey, observation: Observation, now: number): Entry {
  const fail = (why: string) => ({
    problem: diagnostic("error", "publish", `cannot publish ${d.key} in ${d.region}: ${why}`, { key: d.key }),
  });
  if (observation.found === "unknown") return fail(`${observation.error.code}: ${observation.error.message}`);
  if (!observation.found) return fail(`${observation.code}: ${observation.message}`);
  const observed = observation.key;
  const policy = d.signing as NonNullable<DesiredKey["signing"]>;
  const blocked = signingBlock(observed, policy);
  if (blocked) return fail(`${blocked.code}: ${reasonText(blocked)}`);
  if (!observed.signing) return fail("its versions and tags were not read");
  const lifecycle = signingLifecycle(observed.signing, policy, now);
  if (!lifecycle.ok) return fail(`${lifecycle.reason.code}: ${reasonText(lifecycle.reason)}`);
  const algorithm = signingAlgorithmFor(observed.keySpec, policy.algorithm) ?? "SM2DSA";
  const key = {
    key: d.key,
    keyId: observed.keyId,
    region: d.region,
    ...(d.account === undefined ? {} : { account: d.account }),
    algorithm,
  };
  return { ok: true, desired: d, key, versions: publishedVersions(lifecycle) };
}

async function withPublicKeys(
  e: Extract<Entry, { ok: true }>,
  kms: Kms,
  signal: AbortSignal,
): Promise<PublishedKey> {
  const versions = [];
  // One version at a time per key: the pacer spreads them anyway, and the order stays the lifecycle's.
  for (const v of e.versions) {
    const { publicKeyPem } = await kms.getPublicKey(e.key.keyId, v.keyVersionId, { signal });
    versions.push({
      keyVersionId: v.keyVersionId,
      state: v.state as Exclude<typeof v.state, "retired">,
      createdAt: v.creationDate,
      ...(v.activeSince === undefined ? {} : { activeSince: v.activeSince }),
      ...(v.publishedUntil === undefined ? {} : { publishedUntil: v.publishedUntil }),
      publicKeyPem,
    });
  }
  return { ...e.key, versions };
}
