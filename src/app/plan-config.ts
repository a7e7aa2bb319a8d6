// planConfig and driftConfig: what `kms-rotation plan` and `drift` do, as one call each.

import {
  type Diagnostic,
  type DriftEntry,
  type DriftReport,
  diagnostic,
  fingerprintOf,
  type Observation,
  type ObservedFingerprint,
  type Plan,
} from "../model/index.js";
import { checkPublished, driftEntry, driftReport, toIso, unmanagedEntries } from "../plan/index.js";
import type { SavedPlanParts } from "../plan-file/index.js";
import { kmsFailure, readErrors } from "./kms-failures.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";
import { readPublishedSet } from "./published-set.js";
import { openPlan, openSession, type Session } from "./session.js";
import { undeclaredKeys } from "./undeclared.js";

export interface PlanOutcome {
  /** The plan; absent when the config is invalid or KMS could not be read (see diagnostics). */
  readonly plan?: Plan;
  /** What `plan --out` saves beside the plan: the config path, the provider, each key's fingerprint. */
  readonly saved?: SavedPlanParts;
  readonly diagnostics: readonly Diagnostic[];
}

export interface DriftOptions extends RunOptions {
  /** Also report keys of the declared regions that the file neither declares nor ignores. */
  readonly includeUnmanaged?: boolean;
  /**
   * A JWK Set (a file, or an http(s) URL) verifiers fetch: a signing key whose next or active version is
   * missing from it is drifted (VersionNotPublished).
   */
  readonly published?: string;
}

export interface DriftOutcome {
  readonly report?: DriftReport;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads the config at `path`, reads every declared key from KMS and returns what apply would change.
 * Changes nothing. Invalid configs and unreadable keys come back as diagnostics, never thrown.
 *
 * @example
 * ```ts
 * import { planConfig } from "kms-rotation";
 * const { plan, diagnostics } = await planConfig("examples/quickstart.yaml");
 * for (const key of plan?.keys ?? []) console.log(key.key, key.action.kind);
 * ```
 */
export async function planConfig(path: string, options: RunOptions = {}): Promise<PlanOutcome> {
  return planRun(path, options, true);
}

/**
 * planConfig; with `saving` false, nothing `savePlan` needs is kept and `saved` is absent: a plan that is
 * only shown (`plan` without `--out`) holds no fingerprints, some 300 bytes a key.
 */
export async function planRun(path: string, options: RunOptions, saving: boolean): Promise<PlanOutcome> {
  const run = resolveOptions(options);
  const kept: (ObservedFingerprint | undefined)[] = [];
  const keep = (index: number, observation: Observation) => {
    if (observation.found === true) kept[index] = fingerprintOf(observation.key);
  };
  const mode = { moveLocalClock: false, enforcePolicy: true };
  const opened = await openPlan(path, run, mode, saving ? keep : undefined);
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  await session.connection.close();
  // A key that could not be read is an `error` entry in the plan, and an error here.
  const diagnostics = readErrors(session.plan);
  if (!saving) return { plan: session.plan, diagnostics };
  const { endpoint } = run;
  const observed = new Map<number, ObservedFingerprint>();
  kept.forEach((fingerprint, index) => {
    if (fingerprint) observed.set(index, fingerprint);
  });
  const saved: SavedPlanParts = {
    config: session.config.file,
    provider: { ...session.config.provider, ...(endpoint ? { endpoint } : {}) },
    observed,
  };
  return { plan: session.plan, saved, diagnostics };
}

/**
 * Reads the config and every declared key and says, per key, whether it rotates as declared:
 * `in-sync`, `drifted`, `due`, `missing`, `blocked`, `error` (could not be read; also a diagnostic), and
 * `unmanaged` with `includeUnmanaged`.
 *
 * @example
 * ```ts
 * import { driftConfig } from "kms-rotation";
 * const { report } = await driftConfig("kms.yaml", { includeUnmanaged: true });
 * if (report && !report.inSync) process.exitCode = 2;
 * ```
 */
export async function driftConfig(path: string, options: DriftOptions = {}): Promise<DriftOutcome> {
  const run = resolveOptions(options);
  const set =
    options.published === undefined
      ? undefined
      : await readPublishedSet(options.published, run.cwd, options.signal);
  if (set && "problem" in set) return { diagnostics: [diagnostic("error", "published", set.problem)] };
  const opened = await openSession(path, run, { moveLocalClock: false });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  try {
    const now = session.connection.now.getTime();
    const warnings: Diagnostic[] = [];
    const declared = session.plan.keys.map((kp, i) => {
      const observation = session.observations[i] as Observation;
      const entry = driftEntry(kp, observation);
      if (!set) return entry;
      const checked = checkPublished(entry, kp, observation, set.jwks, now);
      if (checked.notCheckable) {
        const message = `${kp.key}: an SM2 key has no JOSE form and no JWK Set holds it; not checked against ${options.published} (publish it with --format pem)`;
        warnings.push(diagnostic("warning", "published", message, { key: kp.key }));
      }
      for (const id of checked.retiredListed) {
        const message = `${kp.key}: retired version ${id} is still in the published key set (${options.published}); verifiers may still accept what it signed`;
        warnings.push(diagnostic("warning", "published", message, { key: kp.key }));
      }
      return checked.entry;
    });
    const unmanaged = options.includeUnmanaged ? await listUnmanaged(session, run) : [];
    const report = driftReport([...declared, ...unmanaged], toIso(session.connection.now));
    return {
      report: session.shard ? { ...report, shard: session.shard } : report,
      diagnostics: [...readErrors(session.plan), ...warnings],
    };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await session.connection.close();
  }
}

/** Keys in the declared regions that the file does not declare and no ignore rule covers. */
async function listUnmanaged(session: Session, run: Resolved): Promise<DriftEntry[]> {
  const { ignore } = session.config;
  const withTags = ignore.some((rule) => rule.tag !== undefined);
  const units = await undeclaredKeys(session, run, { withTags });
  // Each unmanaged key is of the account its unit is.
  return units.flatMap(({ account, keys }) =>
    unmanagedEntries(keys, ignore).map((e) => (account === undefined ? e : { ...e, account })),
  );
}
