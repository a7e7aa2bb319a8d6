// Sends a call again when errors.ts says it is safe: reads on every retryable failure, writes only when
// the failure proves the write did not happen (DESIGN convention 6). Backoff is jittered exponential.

import pRetry from "p-retry";
import { abortedError, isKmsError, type KmsError, mayRetry, toKmsError } from "./errors.js";

export interface RetryInfo {
  readonly action: string;
  /** The attempt that failed, from 1. */
  readonly attempt: number;
  readonly retriesLeft: number;
  readonly error: KmsError;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 6, minTimeoutMs: 100, maxTimeoutMs: 5_000 };

/**
 * Throttling is the service asking us to slow down, not a fault: a region's quota is shared by every
 * call in flight, so a large fleet meets it routinely. Those answers are retried far longer.
 */
const THROTTLED_RETRIES = 40;

function isThrottled(error: KmsError): boolean {
  return error.status === 429 || /Throttling/.test(error.code);
}

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
  try {
    return await pRetry(run, {
      retries: Math.max(policy.retries, THROTTLED_RETRIES),
      minTimeout: policy.minTimeoutMs,
      maxTimeout: policy.maxTimeoutMs,
      factor: 2,
      randomize: true,
      ...(signal === undefined ? {} : { signal }),
      shouldRetry: ({ error, attemptNumber, retriesLeft }) => {
        if (!isKmsError(error) || !mayRetry(error, options.write)) return false;
        if (attemptNumber > policy.retries && !isThrottled(error)) return false;
        options.onRetry?.({ action: options.action, attempt: attemptNumber, retriesLeft, error });
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
