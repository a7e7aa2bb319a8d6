// A session: the config opened and connected (open-config.ts), every key of the run read, and the plan.
// The shared first half of plan, apply's reviewed path, drift, audit and forecast. Every failure a user
// can cause comes back as diagnostics; only programming errors throw.

import type { DesiredKey, Diagnostic, Observation, ObservedKey, Plan } from "../model/index.js";
import { observeKeys } from "../observe/observe.js";
import { plan } from "../plan/index.js";
import { kmsFailure } from "./kms-failures.js";
import { type ConfigMode, type ConfigOpened, openConfig } from "./open-config.js";
import type { Opened } from "./open-connection.js";
import type { Resolved } from "./options.js";

export interface Session extends ConfigOpened {
  readonly observations: readonly Observation[];
  readonly plan: Plan;
}

export interface OpenMode extends ConfigMode {
  /** Count the versions of these keys too, beyond the due ones planning needs (the forecast). */
  readonly countVersions?: (desired: DesiredKey, key: ObservedKey) => boolean;
  /** Problems with the run's options that only the connection's clock can show (the forecast's horizon):
   * checked once connected, before any key is read. */
  readonly check?: (now: Date) => readonly Diagnostic[];
}

/** A session over the config file, or why there is none. The caller closes `connection`. */
export async function openSession(file: string, run: Resolved, mode: OpenMode): Promise<Opened<Session>> {
  const opened = await openConfig(file, run, mode);
  if (!("ok" in opened)) return opened;
  const { shard, connection } = opened.ok;
  const refused = mode.check?.(connection.now) ?? [];
  if (refused.length > 0) {
    await connection.close();
    return { diagnostics: refused };
  }
  try {
    const observations = await observeKeys(opened.ok.keys, connection.kmsFor, {
      concurrency: run.concurrency,
      now: connection.now,
      signal: run.signal,
      onKey: (done, total) => run.onRead?.(done, total),
      ...(mode.countVersions ? { countVersions: mode.countVersions } : {}),
    });
    const planned = plan(opened.ok.keys, observations, connection.now);
    return { ok: { ...opened.ok, observations, plan: shard ? { ...planned, shard } : planned } };
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
}
