// auditConfig: what `kms-rotation audit` does, as one call. Only reads: one DescribeKey per key,
// ListKeyVersions only for keys declared manual.

import {
  type AuditReport,
  BASELINE_POLICY,
  type DesiredKey,
  type Diagnostic,
  type Observation,
  type ObservedKey,
} from "../model/index.js";
import { type AuditSubject, auditCountsVersions, auditKey, auditReport } from "../plan/index.js";
import { kmsFailure, readErrors } from "./kms-failures.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";
import { openSession, type Session } from "./session.js";
import { undeclaredKeys } from "./undeclared.js";

export interface AuditOptions extends RunOptions {
  /** Also judge every key of the declared regions that the file does not declare. */
  readonly includeUnmanaged?: boolean;
}

export interface AuditOutcome {
  readonly report?: AuditReport;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Reads every declared key (and with `includeUnmanaged` every key of their regions) and judges each
 * against the file's `policy:` (or, when it states none, yearly rotation required).
 *
 * @example
 * ```ts
 * import { auditConfig } from "kms-rotation";
 * const { report } = await auditConfig("kms.yaml", { includeUnmanaged: true });
 * if (report && report.summary.nonCompliant > 0) process.exitCode = 2;
 * ```
 */
export async function auditConfig(path: string, options: AuditOptions = {}): Promise<AuditOutcome> {
  // Versions are counted for keys declared manual (section 9's versionCount, and whether the cap stops
  // the next version): one ListKeyVersions each beyond the DescribeKey every key gets.
  const countVersions = (d: DesiredKey, key: ObservedKey) => auditCountsVersions(d.rotation, key);
  const run = resolveOptions(options);
  const opened = await openSession(path, run, { moveLocalClock: false, countVersions });
  if (!("ok" in opened)) return { diagnostics: opened.diagnostics };
  const session = opened.ok;
  try {
    const { config, connection } = session;
    const policy = config.policy ?? BASELINE_POLICY;
    // The session's keys: those of its shard, in the order of its observations.
    const declared = session.keys.map((k, i) => ({
      subject: {
        key: k.key,
        region: k.region,
        ...(k.account === undefined ? {} : { account: k.account }),
        declared: k.rotation,
        ...(k.signing === undefined ? {} : { signing: k.signing }),
        ...(k.exception ? { exception: k.exception } : {}),
        ...(k.source ? { source: k.source } : {}),
      },
      observation: session.observations[i] as Observation,
    }));
    const unmanaged = options.includeUnmanaged ? await unmanagedKeys(session, run) : [];
    const entries = [...declared, ...unmanaged].map(({ subject, observation }) =>
      auditKey(subject, observation, policy, connection.now),
    );
    const source = config.policy ? "config" : "baseline";
    const report = auditReport(entries, policy, source, connection.now);
    return {
      report: session.shard ? { ...report, shard: session.shard } : report,
      diagnostics: readErrors(session.plan),
    };
  } catch (error) {
    return { diagnostics: [kmsFailure(error)] };
  } finally {
    await session.connection.close();
  }
}

/** Every key of the declared regions the file does not declare: evidence covers the whole region,
 * ignore rules included (they are about management, not compliance). */
async function unmanagedKeys(
  session: Session,
  run: Resolved,
): Promise<{ subject: AuditSubject; observation: Observation }[]> {
  const units = await undeclaredKeys(session, run, { withTags: false });
  return units.flatMap(({ account, keys }) =>
    keys.map(({ key, aliases }) => ({
      subject: {
        key: aliases[0] ?? key.keyId,
        region: key.region,
        ...(account === undefined ? {} : { account }),
      },
      observation: { found: true as const, key },
    })),
  );
}
