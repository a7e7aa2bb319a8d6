// The shared first half of plan, apply and drift: read the config, connect, read every key, plan.
// Every failure a user can cause comes back as diagnostics; only programming errors throw.

import { configHints, loadConfig, sortProblems } from "../config/index.js";
import { ACCOUNT_CREDENTIALS_FAILED } from "../kms/credentials.js";
import { isKmsError, kmsErrorText } from "../kms/errors.js";
import { ENDPOINT_CODES, REGION_WIDE_CODES } from "../kms/region-wide.js";
import {
  type Config,
  type DesiredKey,
  type Diagnostic,
  diagnostic,
  type Observation,
  type ObservedKey,
  type Plan,
  type ProviderConfig,
  parseEndpoint,
  problemDiagnostic,
  type ShardInfo,
} from "../model/index.js";
import { DEFAULT_CONCURRENCY } from "../observe/kms-set.js";
import { KeyReadError, observeKeys } from "../observe/observe.js";
import { inShard, plan, policyProblems, shardUnits, unitsOf } from "../plan/index.js";
import { policyProblem } from "../words/problem-text.js";
import { type Connection, type ConnectOptions, connect } from "./connect.js";
import { localFileFindings } from "./local-files.js";
import { type Resolved, type RunOptions, resolveOptions } from "./options.js";

export interface Session {
  readonly config: Config;
  /** The declared keys this run works on: all, or those of its shard. */
  readonly keys: readonly DesiredKey[];
  /** With a shard: which, and its (account, region) units (none: nothing to do). */
  readonly shard?: ShardInfo;
  readonly connection: Connection;
  readonly observations: readonly Observation[];
  readonly plan: Plan;
  readonly concurrency: number;
}

export interface OpenMode {
  readonly moveLocalClock: boolean;
  /** apply: hold the machine-local lock of each (endpoint, account) written to, for the run. */
  readonly lockWrites?: boolean;
  /** Refuse a config whose declared keys break its `policy:` (plan, apply); reports (drift, audit) do not. */
  readonly enforcePolicy?: boolean;
  /** Count the versions of these keys too, beyond the due ones planning needs (the forecast). */
  readonly countVersions?: (desired: DesiredKey, key: ObservedKey) => boolean;
  /** Problems with the run's options that only the connection's clock can show (the forecast's horizon):
   * checked once connected, before any key is read. */
  readonly check?: (now: Date) => readonly Diagnostic[];
}

export type Opened<T> = { readonly ok: T } | { readonly diagnostics: readonly Diagnostic[] };

/** A session over the config file, or why there is none. The caller closes `connection`. */
export async function openSession(
  file: string,
  options: RunOptions,
  mode: OpenMode,
): Promise<Opened<Session>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  const opened = await openConfig(file, options, mode);
  if (!("ok" in opened)) return opened;
  const { config, keys, shard, connection } = opened.ok;
  const refused = mode.check?.(connection.now) ?? [];
  if (refused.length > 0) {
    await connection.close();
    return { diagnostics: refused };
  }
  try {
    const observations = await observeKeys(keys, connection.kmsFor, {
      concurrency: run.concurrency,
      now: connection.now,
      signal: run.signal,
      onKey: (done, total) => options.onRead?.(done, total),
      ...(mode.countVersions ? { countVersions: mode.countVersions } : {}),
    });
    const planned = plan(keys, observations, connection.now);
    return {
      ok: {
        config,
        keys,
        ...(shard ? { shard } : {}),
        connection,
        observations,
        plan: shard ? { ...planned, shard } : planned,
        concurrency: run.concurrency,
      },
    };
  } catch (error) {
    await connection.close();
    return { diagnostics: [kmsFailure(error)] };
  }
}

/**
 * The config at `file`, or the diagnostics that refuse it before any KMS call: its schema and rules, and
 * with `enforcePolicy` its own policy as of `options.now` (plan and apply refuse what validate refuses).
 * Hints about a valid file go to `options.onWarning`.
 */
export async function checkedConfig(
  file: string,
  options: Pick<RunOptions, "cwd" | "now" | "onWarning">,
  enforcePolicy: boolean,
): Promise<{ readonly config: Config } | { readonly diagnostics: readonly Diagnostic[] }> {
  const { config, problems, readable } = await loadConfig(file, { cwd: options.cwd ?? process.cwd() });
  // As validate: the policy's problems of whatever could be read come with the reading's.
  const scope = config ?? readable;
  const breaches =
    enforcePolicy && scope ? policyProblems(scope, options.now ?? new Date()).map(policyProblem) : [];
  if (!config)
    return { diagnostics: sortProblems([...problems, ...breaches]).map((p) => problemDiagnostic(p)) };
  for (const hint of configHints(config)) options.onWarning?.(hint);
  return breaches.length > 0 ? { diagnostics: breaches.map((p) => problemDiagnostic(p)) } : { config };
}

/** The config read and KMS connected, no key read yet. The caller closes `connection`. */
export async function openConfig(
  file: string,
  options: RunOptions,
  mode: OpenMode,
): Promise<Opened<ConfigOpened>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  const checked = await checkedConfig(file, { ...options, cwd: run.cwd }, mode.enforcePolicy === true);
  if ("diagnostics" in checked) return checked;
  const { config } = checked;
  const keys = run.shard ? inShard(config.keys, run.shard) : config.keys;
  const shard = run.shard ? { ...run.shard, units: shardUnits(unitsOf(config.keys), run.shard) } : undefined;
  const base = { config, keys, ...(shard ? { shard } : {}), concurrency: run.concurrency };
  // A shard with no unit reads nothing: no KMS to start or reach.
  if (shard && shard.units.length === 0) return { ok: { ...base, connection: idle(run.now ?? new Date()) } };
  const regions = [...new Set(keys.map((k) => k.region))];
  const lockUnits = mode.lockWrites ? keys : undefined;
  const connected = await openConnection(
    config.provider,
    regions,
    options,
    { moveLocalClock: mode.moveLocalClock, ...(lockUnits ? { lockUnits } : {}) },
    `for ${config.file}`,
  );
  if (!("ok" in connected)) return connected;
  return { ok: { ...base, connection: connected.ok } };
}

export interface ConfigOpened {
  readonly config: Config;
  readonly keys: readonly DesiredKey[];
  readonly shard?: ShardInfo;
  readonly connection: Connection;
  readonly concurrency: number;
}

function idle(now: Date): Connection {
  return {
    kmsFor: () => {
      throw new Error("a shard with no unit has no KMS client");
    },
    now,
    close: async () => {},
  };
}

/** True for a shard that holds no (account, region) unit: it has nothing to do. */
export function isIdleShard(session: { readonly shard?: ShardInfo }): boolean {
  return session.shard !== undefined && session.shard.units.length === 0;
}

/** Connects, turning a failure to start the embedded KMS or reach a provider into a diagnostic. */
export async function openConnection(
  provider: ProviderConfig,
  regions: readonly string[],
  options: RunOptions,
  mode: Pick<ConnectOptions, "moveLocalClock" | "lockUnits">,
  what: string,
): Promise<Opened<Connection>> {
  const run = resolveOptions(options, DEFAULT_CONCURRENCY);
  const endpointProblem = givenEndpointProblem(run);
  if (endpointProblem) return { diagnostics: [diagnostic("error", "invalid-endpoint", endpointProblem)] };
  const remote = provider.kind === "alibaba" || run.endpoint !== undefined;
  const files = localFileFindings(provider, remote, run.env, run.cwd);
  for (const warning of files.warnings)
    options.onWarning?.(diagnostic("warning", "file-permissions", warning));
  if (files.problem) return { diagnostics: [diagnostic("error", "credentials-file", files.problem)] };
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
      ...(mode.lockUnits ? { lockUnits: mode.lockUnits } : {}),
      ...(options.allowClockSkew ? { allowClockSkew: true } : {}),
    });
    return { ok: connection };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === "WriteLockError") return { diagnostics: [diagnostic("error", "kms", error.message)] };
    const problems = seedProblems(error);
    const message = `cannot start KMS ${what}: ${problems ? "invalid seed fleet" : error.message}`;
    return { diagnostics: [diagnostic("error", "kms", message, problems ? { details: problems } : {})] };
  }
}

/**
 * The problems of a seed fleet the embedded emulator refused, each `file:line:column: message`, for
 * diagnostics to list one per line; undefined for any other error. By name, so that reading it does not
 * load the emulator.
 */
export function seedProblems(error: unknown): readonly string[] | undefined {
  const problems = (error as { problems?: unknown } | null)?.problems;
  return error instanceof Error && error.name === "SeedFileError" && Array.isArray(problems)
    ? problems.map(String)
    : undefined;
}

/** What is wrong with --endpoint or KMS_ROTATION_ENDPOINT, checked before any KMS call; undefined when fine. */
function givenEndpointProblem(run: Resolved): string | undefined {
  if (run.endpoint === undefined) return undefined;
  const parsed = parseEndpoint(run.endpoint);
  return "problem" in parsed ? `${run.endpointFrom}: ${parsed.problem}` : undefined;
}

/**
 * One error per key that could not be read (not those an interrupt left unread); one for all the keys
 * of an account whose credentials could not be had (a wrong role or profile), naming the account; one
 * for all the keys of an (account, region) whose endpoint could not be reached.
 */
export function readErrors(plan: Plan): Diagnostic[] {
  const accounts = new Set<string>();
  const units = new Map<string, { message: string; keys: number; where: string }>();
  const errors: Diagnostic[] = [];
  const same = new Map<string, number>();
  // Per (account, region): the region-wide verdict when a key met it (the others timed out before it).
  const verdicts = new Map<string, string>();
  for (const k of plan.keys) {
    if (k.action.kind !== "error") continue;
    same.set(failureOf(k), (same.get(failureOf(k)) ?? 0) + 1);
    if (REGION_WIDE_CODES.has(k.action.error.code)) verdicts.set(unitOf(k), k.action.error.message);
  }
  for (const k of plan.keys) {
    if (k.action.kind !== "error" || k.action.error.code === "Interrupted") continue;
    const { code, message } = k.action.error;
    if (code === ACCOUNT_CREDENTIALS_FAILED && k.account !== undefined) {
      if (accounts.has(k.account)) continue;
      accounts.add(k.account);
      const unread = plan.keys.filter(
        (x) => x.account === k.account && x.action.kind === "error" && x.action.error.code === code,
      ).length;
      const keys = `${unread} ${unread === 1 ? "key" : "keys"} of it not read`;
      errors.push(diagnostic("error", "kms", `${message.replace(/\.$/, "")}; ${keys}`));
    } else if (ENDPOINT_CODES.has(code) && (verdicts.has(unitOf(k)) || (same.get(failureOf(k)) ?? 0) > 1)) {
      // The endpoint, not the key: one line for the (account, region), however many keys it held.
      const unit = unitOf(k);
      const text = verdicts.get(unit) ?? `cannot read KMS in ${whereOf(k)}: ${code}: ${message}`;
      const entry = units.get(unit) ?? { message: text, keys: 0, where: whereOf(k) };
      entry.keys += 1;
      units.set(unit, entry);
    } else {
      errors.push(
        diagnostic("error", "kms", `cannot read ${k.key} in ${whereOf(k)}: ${code}: ${message}`, {
          key: k.key,
        }),
      );
    }
  }
  for (const { message, keys, where } of units.values()) {
    errors.push(
      diagnostic("error", "kms", `${message} (${keys} ${keys === 1 ? "key" : "keys"} in ${where} not read)`),
    );
  }
  return errors;
}

/** A key's failure in its (account, region): a dead endpoint gives every key there the very same one. */
function failureOf(k: Plan["keys"][number]): string {
  const error = k.action.kind === "error" ? k.action.error : undefined;
  return `${unitOf(k)}\u0000${error?.code}: ${error?.message}`;
}

function unitOf(k: { readonly region: string; readonly account?: string }): string {
  return `${k.account ?? ""}/${k.region}`;
}

/** `cn-hangzhou`, or `cn-hangzhou of account 1111111111111111` for a key whose account the config names. */
function whereOf(k: { readonly region: string; readonly account?: string }): string {
  return k.account === undefined ? k.region : `${k.region} of account ${k.account}`;
}

/** KMS errors are the user's world, not our bug: one clear line. Anything else is a bug and throws. */
export function kmsFailure(error: unknown): Diagnostic {
  if (error instanceof KeyReadError) return diagnostic("error", "kms", error.message);
  if (isKmsError(error)) return diagnostic("error", "kms", kmsErrorText(error));
  if (error instanceof Error && error.name === "AbortError") return diagnostic("error", "kms", error.message);
  throw error;
}
