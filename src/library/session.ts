// The shared first half of plan, apply and drift: read the config, connect, read every key, plan.
// Every failure a user can cause comes back as diagnostics; only programming errors throw.

import { DEFAULT_CONCURRENCY } from "../apply/kms-set.js";
import { KeyReadError, observeKeys } from "../apply/observe.js";
import { loadConfig } from "../config/index.js";
import {
  type Config,
  type Diagnostic,
  diagnostic,
  type Observation,
  type Plan,
  type ProviderConfig,
  problemDiagnostic,
} from "../model/index.js";
import { plan } from "../plan/index.js";
import { type Connection, connect } from "./connect.js";
import { type RunOptions, resolveOptions } from "./options.js";

export interface Session {
  readonly config: Config;
  readonly connection: Connection;
  readonly observations: readonly Observation[];
  readonly plan: Plan;
  readonly concurrency: number;
}

export type Opened<T> = { readonly ok: T } | { readonly diagnostics: readonly Diagnostic[] };

/** A session over the config file, or why there is none. The caller closes `connection`. */
export async function openSession(
  file: string,
  options: RunOptions,
  mode: { moveLocalClock: boolean },
): Promise<Opened<Session>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  const opened = await openConfig(file, options, mode);
  if (!("ok" in opened)) return opened;
  const { config, connection } = opened.ok;
  try {
    const observations = await observeKeys(config.keys, connection.kmsFor, {
      concurrency: run.concurrency,
      now: connection.now,
      signal: run.signal,
      onKey: (done, total) => options.onRead?.(done, total),
    });
    const planned = plan(config.keys, observations, connection.now);
    return { ok: { config, connection, observations, plan: planned, concurrency: run.concurrency } };
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
}

/** The config read and KMS connected, no key read yet. The caller closes `connection`. */
export async function openConfig(
  file: string,
  options: RunOptions,
  mode: { moveLocalClock: boolean },
): Promise<Opened<{ config: Config; connection: Connection; concurrency: number }>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  const { config, problems } = await loadConfig(file, { cwd: run.cwd });
  if (!config) return { diagnostics: problems.map((p) => problemDiagnostic(p)) };
  const regions = [...new Set(config.keys.map((k) => k.region))];
  const connected = await openConnection(config.provider, regions, options, mode, `for ${config.file}`);
  if (!("ok" in connected)) return connected;
  return { ok: { config, connection: connected.ok, concurrency: run.concurrency } };
}

/** Connects, turning a failure to start the embedded KMS or reach a provider into a diagnostic. */
export async function openConnection(
  provider: ProviderConfig,
  regions: readonly string[],
  options: RunOptions,
  mode: { moveLocalClock: boolean },
  what: string,
): Promise<Opened<Connection>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  try {
    const connection = await connect(provider, regions, {
      endpoint: run.endpoint,
      concurrency: run.concurrency,
      ...(run.qps ? { qps: run.qps } : {}),
      ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
      ...(options.onKmsEvent ? { onEvent: options.onKmsEvent } : {}),
      env: run.env,
      now: run.now,
      moveLocalClock: mode.moveLocalClock,
    });
    return { ok: connection };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { diagnostics: [diagnostic("error", "kms", `cannot start KMS ${what}: ${error.message}`)] };
  }
}

/** One error per key that could not be read (not those an interrupt left unread). */
export function readErrors(plan: Plan): Diagnostic[] {
  return plan.keys.flatMap((k) =>
    k.action.kind === "error" && k.action.error.code !== "Interrupted"
      ? [
          diagnostic("error", "kms", `cannot read ${k.key} in ${k.region}: ${k.action.error.message}`, {
            key: k.key,
          }),
        ]
      : [],
  );
}

/** KMS errors are the user's world, not our bug: one clear line. Anything else is a bug and throws. */
export function kmsFailure(error: unknown): Diagnostic {
  if (error instanceof KeyReadError) return diagnostic("error", "kms", error.message);
  if (error instanceof Error && (error.name === "KmsError" || error.name === "AbortError")) {
    return diagnostic("error", "kms", error.message);
  }
  throw error;
}
