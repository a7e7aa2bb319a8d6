// Sends a call again when errors.ts says it is safe: reads on every retryable failure, writes only when
// the failure proves the write did not happen (DESIGN convention 6). Two budgets: faults (5xx, resets,
// timeouts) have a number of retries and a time; throttling is the service pacing us, not a fault, so
// it never spends the fault budget (the pacer slows down instead) and has a long time budget of its own.

import { setTimeout as sleep } from "node:timers/promises";
import pRetry from "p-retry";
import { abortedError, isKmsError, isThrottling, type KmsError, mayRetry, toKmsError } from "./errors.js";

export interface RetryInfo {
  readonly action: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  /** Fault retries left (throttling spends none). */
  readonly retriesLeft: number;
  readonly throttled: boolean;
  readonly error: KmsError;
}

export interface RetryPolicy {
  /** Retries after faults. */
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
  /** Time one call may spend on faults (failed attempts and the waits before them). */
  readonly faultBudgetMs: number;
  /** Time one call may spend being throttled. */
  readonly throttleBudgetMs: number;
  /** The per-attempt bound: after a timeout, no retry unless a whole attempt fits in the fault budget. */
  readonly timeoutMs: number;
}

/**
 * Ten fault retries within 15 s: a call meeting 30% injected faults fails once in about 6 million, and an
 * unreachable endpoint is given up on within about 15 s. Throttling may go on for 5 minutes.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 10,
  minTimeoutMs: 50,
  maxTimeoutMs: 1_000,
  faultBudgetMs: 15_000,
  throttleBudgetMs: 300_000,
  timeoutMs: 10_000,
};

export interface RetryOptions {
  readonly action: string;
  readonly write: boolean;
  readonly policy: RetryPolicy;
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: RetryInfo) => void;
}

/** `attempt` must throw KmsErrors; the last one is thrown when retrying stops. */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { policy, signal } = options;
  // p-retry checks the signal after an attempt resolves; an answer that arrived must not be lost to it.
  let answered: { value: T } | undefined;
  const run = async (): Promise<T> => {
    const value = await attempt();
    answered = { value };
    return value;
  };
  const spent = budgets(policy);
  try {
    return await pRetry(run, {
      // The fault count is kept in `spent`: p-retry would also stop a throttled call once faults ran out.
      retries: Number.POSITIVE_INFINITY,
      minTimeout: policy.minTimeoutMs,
      maxTimeout: policy.maxTimeoutMs,
      factor: 2,
      randomize: true,
      ...(signal === undefined ? {} : { signal }),
      shouldConsumeRetry: ({ error }) => !(isKmsError(error) && isThrottling(error)),
      shouldRetry: async ({ error, attemptNumber }) => {
        if (!isKmsError(error) || !mayRetry(error, options.write) || !spent.allows(error)) return false;
        const throttled = isThrottling(error);
        const retriesLeft = spent.retriesLeft();
        options.onRetry?.({ action: options.action, attempt: attemptNumber, retriesLeft, throttled, error });
        // p-retry waits only after failures that consume a retry; the pacer has slowed down, and this
        // short jittered pause keeps a throttled caller from re-queueing in the same instant.
        if (throttled) await sleep(policy.minTimeoutMs * (1 + Math.random()), undefined, { signal });
        return true;
      },
    });
  } catch (error) {
    if (answered) return answered.value;
    if (isKmsError(error)) throw error;
    // p-retry rejects with the signal's reason when aborted between attempts: nothing was in flight.
    if (signal?.aborted) throw abortedError(false, signal.reason);
    throw toKmsError(error);
  }
}

/**
 * A refused connection (nobody listens, the name does not resolve) is retried a few times only: it is
 * a wrong or dead endpoint far more often than a passing fault, and the user is waiting.
 */
const NEVER_CONNECTED_RETRIES = 4;

/**
 * Time one call may spend on timeouts: the fault budget scaled by the timeout, as the defaults have it
 * (15 s for 10 s, so a call that timed out is not sent again). A shorter --timeout keeps that ratio
 * instead of fitting more attempts in 15 s: an endpoint that never answers then fails sooner, not later.
 */
function timeoutBudget(policy: RetryPolicy): number {
  const scaled = (policy.faultBudgetMs * policy.timeoutMs) / DEFAULT_RETRY_POLICY.timeoutMs;
  return Math.min(policy.faultBudgetMs, scaled);
}

/** Time spent on each kind of failure: the stretch since the last failure goes to this one's kind. */
function budgets(policy: RetryPolicy) {
  let mark = performance.now();
  let faultMs = 0;
  let throttleMs = 0;
  let faults = 0;
  let refused = 0;
  return {
    retriesLeft: () => Math.max(0, policy.retries - faults),
    allows(error: KmsError): boolean {
      const now = performance.now();
      const stretch = now - mark;
      mark = now;
      if (isThrottling(error)) {
        throttleMs += stretch;
        return throttleMs < policy.throttleBudgetMs;
      }
      faultMs += stretch;
      faults += 1;
      if (faults > policy.retries) return false;
      if (error.code === "NetworkError" && !error.outcomeUnknown && ++refused > NEVER_CONNECTED_RETRIES) {
        return false;
      }
      if (error.code !== "Timeout") return faultMs <= policy.faultBudgetMs;
      // A call that timed out may time out again: only retry when a whole attempt still fits.
      return faultMs + policy.timeoutMs <= timeoutBudget(policy);
    },
  };
}
