// A session: the config opened and connected (open-config.ts), every key of the run read, and the plan.
// The shared first half of plan, apply's reviewed path, drift, audit and forecast. Every failure a user
// can cause comes back as diagnostics; only programming errors throw.

import {
  type DesiredKey,
  type Diagnostic,
  type KeyPlan,
  type Observation,
  type ObservedKey,
  type Plan,
  problemDiagnostic,
} from "../model/index.js";
import { observeEach, observeKeys } from "../observe/observe.js";
import { plan, planKey, planOf } from "../plan/index.js";
import { repeatedKeys } from "../plan-file/index.js";
import { sameKeyTwiceText } from "../words/plan-file-text.js";
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
      ...readOptions(run, connection.now),
      ...(mode.countVersions ? { countVersions: mode.countVersions } : {}),
    });
    const planned = plan(opened.ok.keys, observations, connection.now);
    const twice = sameKeyTwice(planned);
    if (twice.length > 0) {
      await connection.close();
      return { diagnostics: twice };
    }
    return { ok: { ...opened.ok, observations, plan: shard ? { ...planned, shard } : planned } };
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
}

/**
 * openSession for a run that needs the plan alone (`plan`): each key is planned as soon as it is read,
 * its observation shown to `each` (what `plan --out` keeps of it) and then let go, so a large fleet's
 * observations are never all held at once. The caller closes `connection`.
 */
export async function openPlan(
  file: string,
  run: Resolved,
  mode: ConfigMode,
  each?: (index: number, observation: Observation) => void,
): Promise<Opened<ConfigOpened & { readonly plan: Plan }>> {
  const opened = await openConfig(file, run, mode);
  if (!("ok" in opened)) return opened;
  const { keys, shard, connection } = opened.ok;
  const entries = new Array<KeyPlan>(keys.length);
  try {
    await observeEach(keys, connection.kmsFor, readOptions(run, connection.now), (index, observation) => {
      entries[index] = planKey(keys[index] as DesiredKey, observation, connection.now);
      each?.(index, observation);
    });
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
  const planned = planOf(entries, connection.now);
  const twice = sameKeyTwice(planned);
  if (twice.length > 0) {
    await connection.close();
    return { diagnostics: twice };
  }
  return { ok: { ...opened.ok, plan: shard ? { ...planned, shard } : planned } };
}

/**
 * Two declarations that KMS resolved to one key (an alias and its KeyId, two aliases of one key): the
 * file names the same key twice (section 3), which only reading KMS can show. Every command that reads
 * the keys refuses the run, as validate refuses a key written twice, rather than plan, write or report
 * the key twice.
 */
function sameKeyTwice(planned: Plan): Diagnostic[] {
  return repeatedKeys(planned).map(({ first, again }) =>
    problemDiagnostic({
      message: sameKeyTwiceText(again, first),
      rule: "DuplicateKey",
      key: again.key,
      ...(again.source ? { position: again.source } : {}),
    }),
  );
}

function readOptions(run: Resolved, now: Date) {
  return {
    concurrency: run.concurrency,
    now,
    signal: run.signal,
    onKey: (done: number, total: number) => run.onRead?.(done, total),
  };
}
