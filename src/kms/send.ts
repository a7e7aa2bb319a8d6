// One attempt of one call: wait for its send time (pacer), take a slot (calls in flight), send, and tell
// the pacer how it went. A read can be abandoned when aborted; a write in flight is waited for, since
// what it did must be known (the caller settles an unknown outcome by reading).

import { abortedError, isThrottling, KmsError, toKmsError } from "./errors.js";
import type { AdaptiveLimiter } from "./limiter.js";
import type { Body } from "./map.js";
import type { Pacer } from "./pacer.js";
import { secondsText } from "./timeout-words.js";
import type { Transport } from "./transport.js";

export interface Attempt {
  readonly action: string;
  readonly params: Record<string, string>;
  readonly write: boolean;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
}

export interface Lanes {
  readonly transport: Transport;
  readonly pacer: Pacer;
  readonly limiter: AdaptiveLimiter;
}

/** Our own bound over the SDK's: it stops waiting even when the SDK's timers do not fire. */
const TIMEOUT_GRACE_MS = 1_000;

export async function attemptOnce(lanes: Lanes, a: Attempt): Promise<Body> {
  const { transport, pacer, limiter } = lanes;
  let ticket: Awaited<ReturnType<Pacer["acquire"]>>;
  let slot: Awaited<ReturnType<AdaptiveLimiter["acquire"]>>;
  try {
    ticket = await pacer.acquire(a.signal);
    slot = await limiter.acquire(a.signal);
  } catch (reason) {
    throw abortedError(false, reason);
  }
  // Giving up on the call (its timeout; for a read, an interrupt) destroys its sockets, so nothing stays
  // waiting on a stalled endpoint. A write is never cut before its timeout: what it did must be known.
  const cut = new AbortController();
  const onAbort = () => cut.abort();
  if (!a.write) a.signal?.addEventListener("abort", onAbort, { once: true });
  const request = bounded(transport.call(a.action, a.params, cut.signal), a.timeoutMs, cut).then(
    (body) => {
      a.signal?.removeEventListener("abort", onAbort);
      slot.release("success");
      pacer.record(ticket, "success");
      return body;
    },
    (error: unknown) => {
      a.signal?.removeEventListener("abort", onAbort);
      const failure = toKmsError(error, transport.redact);
      slot.release("failure");
      pacer.record(ticket, isThrottling(failure) ? "throttled" : "failure");
      throw failure;
    },
  );
  return a.write ? request : raceAbort(request, a.signal);
}

function bounded<T>(request: Promise<T>, timeoutMs: number, cut: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new KmsError({
          code: "Timeout",
          message: `KMS did not answer within the ${secondsText(timeoutMs)} timeout`,
          retryable: true,
          outcomeUnknown: true,
        }),
      );
      cut.abort();
    }, timeoutMs + TIMEOUT_GRACE_MS);
    timer.unref();
  });
  request.catch(() => {});
  return Promise.race([request, expired]).finally(() => clearTimeout(timer));
}

// Abort stops our waiting for a read's answer; the request itself cannot be recalled.
function raceAbort<T>(request: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return request;
  if (signal.aborted) return Promise.reject(abortedError(false, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(false, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    request.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
