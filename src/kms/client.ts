// createKms: the `Kms` one region's code talks to, built from the SDK transport, errors.ts's verdicts,
// retry.ts's budgets, a pacer per operation group (the region's quota) and a bound on calls in flight.

import { setMaxListeners } from "node:events";
import type { CredentialSource } from "./credentials.js";
import { resolveEndpoint } from "./endpoint.js";
import { KmsError } from "./errors.js";
import type { KmsEvent } from "./events.js";
import { buildKms } from "./kms-calls.js";
import { AdaptiveLimiter } from "./limiter.js";
import { GroupPacers } from "./pacer.js";
import { DEFAULT_QUOTA, operationGroup, type Quota } from "./quota.js";
import { DEFAULT_RETRY_POLICY, type RetryInfo, type RetryPolicy, withRetries } from "./retry.js";
import { attemptOnce } from "./send.js";
import { createTransport, type StaticCredentials } from "./transport.js";
import type { CallOptions, Kms } from "./types.js";

export interface KmsOptions {
  readonly region: string;
  /** `http://127.0.0.1:8300`, `https://kms-vpc.cn-hangzhou.aliyuncs.com` or a bare host; default the public endpoint. */
  readonly endpoint?: string;
  /** Default: the standard `@alicloud/credentials` chain (env, profile, RAM role, OIDC). */
  readonly credentials?: StaticCredentials;
  /** The account's credentials (profile, role), shared by its regions; wins over `credentials`. */
  readonly credential?: CredentialSource;
  /** Default v3 (ACS3-HMAC-SHA256); v1 is HMAC-SHA1, as the older SDK generation signs. */
  readonly signatureVersion?: "v3" | "v1";
  /** Bound on one attempt (default 10 s); connecting gets at most 5 s of it. */
  readonly timeoutMs?: number;
  /** Retries after faults (default 10); throttling spends none of them. */
  readonly retries?: number;
  /** Requests per second per operation group (default read 20, write 10, create 10). */
  readonly quota?: Quota;
  /** Calls in flight at most (default 16). */
  readonly concurrency?: number;
  /** Aborts every call of this client: no further attempts, no more waiting. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: RetryInfo) => void;
  readonly onEvent?: (event: KmsEvent) => void;
  /** Backoff and budget bounds; tests shorten them. */
  readonly backoff?: {
    readonly minMs?: number;
    readonly maxMs?: number;
    readonly faultBudgetMs?: number;
    readonly throttleBudgetMs?: number;
  };
}

/**
 * A KMS client for one region over the official SDK, with pacing to the quota, retries and the
 * standard credential chain (or `credentials`). `endpoint` sends it elsewhere (VPC, emulator).
 *
 * @example
 * ```ts
 * const kms = createKms({ region: "cn-hangzhou" });
 * const key = await kms.describeKey("alias/orders-db");
 * ```
 */
export function createKms(options: KmsOptions): Kms {
  const endpoint = resolveEndpoint(options.region, options.endpoint);
  const timeoutMs = options.timeoutMs ?? DEFAULT_RETRY_POLICY.timeoutMs;
  const transport = createTransport({
    endpoint,
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.credential ? { credential: options.credential } : {}),
    signatureVersion: options.signatureVersion ?? "v3",
    readTimeoutMs: timeoutMs,
    // The SDK's "connect" timeout is the socket's idle timeout: a shorter one would cut slow answers.
    connectTimeoutMs: timeoutMs,
  });
  const pacers = new GroupPacers(options.quota ?? DEFAULT_QUOTA);
  const limiter = new AdaptiveLimiter(options.concurrency ?? 16);
  const policy: RetryPolicy = {
    retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
    minTimeoutMs: options.backoff?.minMs ?? DEFAULT_RETRY_POLICY.minTimeoutMs,
    maxTimeoutMs: options.backoff?.maxMs ?? DEFAULT_RETRY_POLICY.maxTimeoutMs,
    faultBudgetMs: options.backoff?.faultBudgetMs ?? DEFAULT_RETRY_POLICY.faultBudgetMs,
    throttleBudgetMs: options.backoff?.throttleBudgetMs ?? DEFAULT_RETRY_POLICY.throttleBudgetMs,
    timeoutMs,
  };
  const where = `${endpoint.protocol}://${endpoint.host}`;
  const reach = reachability(options.region, where, options.onEvent);

  const send =
    (write: boolean) => async (action: string, params: Record<string, string>, call?: CallOptions) => {
      reach.check();
      const signal = combine(options.signal, call?.signal);
      const pacer = pacers.get(operationGroup(action));
      const a = { action, params, write, signal, timeoutMs };
      const onRetry = (info: RetryInfo) => {
        options.onRetry?.(info);
        options.onEvent?.({
          type: "retry",
          region: options.region,
          action,
          attempt: info.attempt,
          throttled: info.throttled,
          code: info.error.code,
          rate: pacer.rate,
        });
      };
      try {
        const body = await withRetries(() => attemptOnce({ transport, pacer, limiter }, a), {
          action,
          write,
          policy,
          ...(signal ? { signal } : {}),
          onRetry,
        });
        reach.succeeded();
        return body;
      } catch (error) {
        throw reach.failed(error);
      }
    };
  return { ...buildKms(options.region, send(false), send(true)), serviceNow: transport.serviceNow };
}

/**
 * An endpoint that never answered any call, once a call has spent its whole fault budget on not
 * connecting, is given up on: every later call fails at once, naming it, instead of each key waiting
 * out its own budget.
 */
function reachability(region: string, where: string, onEvent: KmsOptions["onEvent"]) {
  let reached = false;
  let gone: KmsError | undefined;
  return {
    check(): void {
      if (gone) throw gone;
    },
    succeeded(): void {
      reached = true;
    },
    failed(error: unknown): unknown {
      if (reached || gone || !(error instanceof KmsError) || !neverConnected(error)) return error;
      gone = new KmsError({
        code: "EndpointUnreachable",
        // The call's own words already start "cannot reach KMS at <url>": keep only why.
        message: `cannot reach KMS for ${region} at ${where}: ${error.message.replace(/^cannot reach KMS( at \S+)?: /, "")}`,
        retryable: false,
        outcomeUnknown: error.outcomeUnknown,
        cause: error,
      });
      onEvent?.({ type: "unreachable", region, endpoint: where });
      // This call keeps its own error; the calls after it get the verdict.
      return error;
    },
  };
}

function neverConnected(error: KmsError): boolean {
  return (error.code === "NetworkError" && !error.outcomeUnknown) || error.code === "Timeout";
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  const both = AbortSignal.any([a, b]);
  setMaxListeners(0, both);
  return both;
}
