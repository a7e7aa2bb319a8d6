// driftConfig: what `kms-rotation drift` does, as one call: the plan's keys as drift entries, checked
// against a published key set when given, with the unmanaged keys of their regions when asked.

import {
  type Diagnostic,
  type DriftEntry,
  type DriftReport,
  diagnostic,
  type Observation,
} from "../model/index.js";
import { checkPublished, driftEntry, driftReport, toIso, unmanagedEntries } from "../plan/index.js";
import { retiredListedText, sm2NotCheckedText } from "../words/published-text.js";
import { kmsFailure, readErrors } from "./kms-failures.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";
import { readPublishedSet } from "./published-set.js";
import { openSession, type Session } from "./session.js";
import { undeclaredKeys } from "./undeclared.js";

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
        const message = sm2NotCheckedText(kp.key, options.published ?? "");
        warnings.push(diagnostic("warning", "published", message, { key: kp.key }));
      }
      for (const id of checked.retiredListed) {
        const message = retiredListedText(kp.key, id, options.published ?? "");
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
