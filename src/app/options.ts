// What the library's one-call functions accept (the same knobs as the CLI's flags, as values), resolved
// once per call into the values every stage of the call then reads: defaults filled, the endpoint taken
// from --endpoint or KMS_ROTATION_ENDPOINT (read here only) and checked.

import { setMaxListeners } from "node:events";
import type { ApplyEvent } from "../apply/execute.js";
import type { KmsEvent } from "../kms/events.js";
import type { Quota } from "../kms/quota.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { checkInstant, parseEndpoint, type Shard } from "../model/index.js";
import { DEFAULT_CONCURRENCY } from "../observe/kms-set.js";
import { shardProblem } from "../plan/index.js";

export interface RunOptions {
  /** Directory relative paths in the config are read from; default process.cwd(). */
  readonly cwd?: string;
  /** Environment for credentials and KMS_ROTATION_ENDPOINT; default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Every region to this KMS endpoint (an emulator, a VPC endpoint), as `--endpoint`. */
  readonly endpoint?: string;
  /** Judge schedules as of this instant instead of the clock, as `--now`. */
  readonly now?: Date;
  /**
   * apply only, as `--allow-clock-skew`: write even when `now` is more than 5 minutes from the service's
   * clock (the Date of its answers); without it such writes are refused.
   */
  readonly allowClockSkew?: boolean;
  /** Upper bound on KMS calls in flight; default 16. */
  readonly concurrency?: number;
  /** Requests per second per operation group in each region, as `--qps`; overrides the config's quota. */
  readonly qps?: Quota;
  /** Bound on one KMS call in milliseconds, as `--timeout`; default 10 s. */
  readonly timeoutMs?: number;
  /** Only the i-th of n shards of the (account, region) units, as `--shard i/n`. */
  readonly shard?: Shard;
  /**
   * Stop (SIGINT): reads are abandoned and no new write starts; a write already sent is waited for and,
   * if its answer was lost, settled by reading the key.
   */
  readonly signal?: AbortSignal;
  /** What the KMS clients go through: retries after faults or throttling, an endpoint given up on. */
  readonly onKmsEvent?: (event: KmsEvent) => void;
  /** Each key read: `done` of `total`. */
  readonly onRead?: (done: number, total: number) => void;
  /** Hints about the config (a key that looks like an alias without `alias/`, an unknown region). */
  readonly onWarning?: (warning: Diagnostic) => void;
  /** Each key applied. */
  readonly onEvent?: (event: ApplyEvent) => void;
}

/** A call's RunOptions, resolved once at its start (resolveOptions) and handed to each stage. */
export interface Resolved {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --endpoint, else KMS_ROTATION_ENDPOINT, trimmed; undefined when neither is set. */
  readonly endpoint: string | undefined;
  /** Where `endpoint` came from, to name it in an error. */
  readonly endpointFrom: EndpointSource | undefined;
  readonly now: Date | undefined;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly qps: Quota | undefined;
  readonly timeoutMs: number | undefined;
  readonly shard: Shard | undefined;
  readonly allowClockSkew: boolean;
  readonly onKmsEvent: RunOptions["onKmsEvent"];
  readonly onRead: RunOptions["onRead"];
  readonly onWarning: RunOptions["onWarning"];
}

/**
 * Every default filled and the endpoint read: called once per library call, at its start. Options no
 * run can mean (shard 0/2 or 3/2, an Invalid Date for `now`) throw a RangeError, as a concurrency of 0
 * does: a wrapper passing a 0-based CI index must not check nothing and report "in sync".
 */
export function resolveOptions(options: RunOptions): Resolved {
  const shardIsWrong = options.shard === undefined ? undefined : shardProblem(options.shard);
  if (shardIsWrong !== undefined) throw new RangeError(shardIsWrong);
  checkInstant("now", options.now);
  const signal = options.signal ?? new AbortController().signal;
  // Every call waiting for its turn listens to it: hundreds at once on a fleet, and no leak.
  setMaxListeners(0, signal);
  const env = options.env ?? process.env;
  const given = givenEndpoint(options.endpoint, env);
  return {
    cwd: options.cwd ?? process.cwd(),
    env,
    endpoint: given?.url,
    endpointFrom: given?.from,
    now: options.now,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    signal,
    qps: options.qps,
    timeoutMs: options.timeoutMs,
    shard: options.shard,
    allowClockSkew: options.allowClockSkew === true,
    onKmsEvent: options.onKmsEvent,
    onRead: options.onRead,
    onWarning: options.onWarning,
  };
}

export type EndpointSource = "--endpoint" | "KMS_ROTATION_ENDPOINT";

/** A value that is empty or only whitespace is not set; any other is used trimmed. The one notion of unset. */
export function setValue(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/**
 * The endpoint every region goes to: `--endpoint` when set, else `KMS_ROTATION_ENDPOINT`, else none (the
 * config's endpoints, or `provider.local`'s embedded emulator). Read here only.
 */
export function givenEndpoint(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { readonly url: string; readonly from: EndpointSource } | undefined {
  const fromFlag = setValue(flag);
  if (fromFlag !== undefined) return { url: fromFlag, from: "--endpoint" };
  const fromEnv = setValue(env.KMS_ROTATION_ENDPOINT);
  return fromEnv === undefined ? undefined : { url: fromEnv, from: "KMS_ROTATION_ENDPOINT" };
}

/** What is wrong with --endpoint or KMS_ROTATION_ENDPOINT, checked before any KMS call; undefined when fine. */
export function endpointProblem(run: Pick<Resolved, "endpoint" | "endpointFrom">): string | undefined {
  if (run.endpoint === undefined) return undefined;
  const parsed = parseEndpoint(run.endpoint);
  return "problem" in parsed ? `${run.endpointFrom}: ${parsed.problem}` : undefined;
}
