// The one place that decides what a KMS failure means: its code, whether sending again is safe, and
// whether a write may have taken effect. Retries, the limiter and callers only read these answers. The
// error itself is in kms-error.ts.

import { chainSources, listed } from "./chain-sources.js";
import { isKmsError, KmsError, type KmsErrorInit } from "./kms-error.js";
import { redactSecrets } from "./redact.js";
import { NEVER_CONNECTED, timeoutWords, unreachableWords } from "./timeout-words.js";
import type { KmsError as KmsErrorShape } from "./types.js";

export { isKmsError, KmsError, type KmsErrorInit, kmsErrorText } from "./kms-error.js";

/** Reads retry every retryable failure; a write only when it certainly did not take effect. */
export function mayRetry(error: KmsErrorShape, write: boolean): boolean {
  return error.retryable && !(write && error.outcomeUnknown);
}

/** The service asked us to slow down: the limiter shrinks on these. */
export function isThrottling(error: KmsErrorShape): boolean {
  // 429 Rejected.Throttling, 400 Throttling (legacy pages), Throttling.User (gateways): all the same.
  return error.status === 429 || error.code.includes("Throttling");
}

const SERVER_FAILURES = new Set([
  "InternalFailure",
  "InternalError",
  "ServiceUnavailable",
  "ServiceUnavailableTemporary",
]);
// Failures where the connection was never made: nothing reached the service.
// Failures on a connection that was made: the request may have been read and acted on.
const MAYBE_SENT = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ESOCKETTIMEDOUT"]);

/** What a service answer means, from its code and HTTP status. */
export function classifyAnswer(
  code: string,
  status: number | undefined,
): Pick<KmsErrorInit, "retryable" | "outcomeUnknown"> {
  // The service throttles before acting, so a throttled write did not happen.
  if (isThrottling({ code, status } as KmsErrorShape)) return { retryable: true, outcomeUnknown: false };
  // Temporary credentials that expired in flight: nothing was done, and the next attempt signs with renewed ones.
  if (code === "InvalidSecurityToken.Expired") return { retryable: true, outcomeUnknown: false };
  if ((status !== undefined && status >= 500) || SERVER_FAILURES.has(code)) {
    return { retryable: true, outcomeUnknown: true };
  }
  return { retryable: false, outcomeUnknown: false };
}

/** Replaces secrets the caller knows of (a client's own keys and tokens) in a text. */
type Redact = (text: string) => string;

/** Any thrown value from the SDK, the network or our own code, as a KmsError with no secret in it. */
export function toKmsError(error: unknown, redactKnown: Redact = (text) => text): KmsError {
  if (isKmsError(error)) return error;
  const redact = scrubber(redactKnown);
  const cause = safeCause(error, redact);
  return fromServiceAnswer(error, cause, redact) ?? fromTransport(error, cause, redact);
}

function fromServiceAnswer(error: unknown, cause: Error, redact: Redact): KmsError | undefined {
  const raw = record(error);
  const data = record(raw?.data);
  const status = numberOf(raw?.statusCode) ?? numberOf(data?.statusCode) ?? numberOf(data?.HttpStatus);
  const sdkCode = stringOf(raw?.code);
  const code = stringOf(data?.Code) ?? stringOf(data?.code) ?? (sdkCode && serviceCode(sdkCode));
  if (!code || status === undefined) return undefined;
  const requestId = stringOf(data?.RequestId) ?? stringOf(data?.requestId);
  const text = stringOf(data?.Message) ?? stringOf(data?.message) ?? "no message";
  return new KmsError({
    code,
    status,
    ...(requestId === undefined ? {} : { requestId }),
    // The code is kept apart, in `code`: views print `code: message`, and a message that repeated it
    // read `X: X: ...`. Alone, kmsErrorText puts it back in front.
    message: redact(text),
    ...classifyAnswer(code, status),
    cause,
  });
}

function fromTransport(error: unknown, cause: Error, redact: Redact): KmsError {
  const raw = record(error);
  const errno = stringOf(raw?.code);
  const name = stringOf(raw?.name) ?? "";
  // The SDK glues "<METHOD> <url> failed." onto the message: keep the host, drop the rest of the URL.
  const glued = /(GET|POST) (https?:\/\/[^/?\s]+)\S* failed\.$/;
  const rawText = redact(stringOf(raw?.message) ?? String(error))
    .replace(/\s+/g, " ")
    .trim();
  const at = glued.exec(rawText)?.[2];
  const text = `${rawText.replace(glued, "").trim()}${at ? ` (${at})` : ""}`;
  if (errno && NEVER_CONNECTED.has(errno)) {
    // A name that does not resolve is a wrong endpoint, not a passing fault.
    const retryable = errno !== "ENOTFOUND";
    return new KmsError({
      code: "NetworkError",
      message: unreachableWords(errno, at, text),
      retryable,
      outcomeUnknown: false,
      cause,
    });
  }
  if (/timeout/i.test(name) || /timeout/i.test(text) || errno === "ETIMEDOUT") {
    return new KmsError({
      code: "Timeout",
      message: timeoutWords(rawText, at) ?? `KMS did not answer in time: ${text}`,
      retryable: true,
      outcomeUnknown: true,
      cause,
    });
  }
  if ((errno && MAYBE_SENT.has(errno)) || /socket hang up|aborted/i.test(text)) {
    const label = errno ?? "connection lost";
    return new KmsError({
      code: "NetworkError",
      message: `connection to KMS lost (${label}): ${text}`,
      retryable: true,
      outcomeUnknown: true,
      cause,
    });
  }
  if (error instanceof SyntaxError) {
    // The body could not be read as JSON: whatever the request did, its answer is gone.
    return new KmsError({
      code: "InvalidResponse",
      message: `KMS sent an unreadable answer: ${text}`,
      retryable: true,
      outcomeUnknown: true,
      cause,
    });
  }
  // Unknown failures might have happened after sending: say so, so a write is resolved by reading.
  return new KmsError({
    code: "UnexpectedError",
    message: `KMS call failed: ${text}`,
    retryable: false,
    outcomeUnknown: true,
    cause,
  });
}

/** The SDK of the older generation suffixes the service's code with `Error` (`Forbidden.KeyNotFoundError`). */
function serviceCode(sdkCode: string): string {
  return sdkCode.includes(".") && sdkCode.endsWith("Error") ? sdkCode.slice(0, -"Error".length) : sdkCode;
}

export function abortedError(outcomeUnknown: boolean, reason?: unknown): KmsError {
  const why =
    reason instanceof Error && reason.name !== "AbortError" ? `: ${redactSecrets(reason.message)}` : "";
  const tail = outcomeUnknown ? "; the write may have taken effect, read the key to find out" : "";
  return new KmsError({
    code: "Aborted",
    message: `KMS call aborted${why}${tail}`,
    retryable: false,
    outcomeUnknown,
  });
}

/** How the SDK begins the error when every source of its default chain came up empty. */
const CHAIN_EXHAUSTED = "unable to get credentials from any of the providers in the chain";

export function credentialsError(error: unknown, redactKnown: Redact = (text) => text): KmsError {
  const redact = scrubber(redactKnown);
  const raw = stringOf(record(error)?.message) ?? String(error);
  const detail = raw.startsWith(CHAIN_EXHAUSTED) ? `looked in ${listed(chainSources())}` : redact(raw);
  return new KmsError({
    code: "CredentialsNotFound",
    message:
      "no usable Alibaba Cloud credentials: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET " +
      `(and ALIBABA_CLOUD_SECURITY_TOKEN for STS), configure a profile, or run with a RAM role (${detail})`,
    retryable: false,
    outcomeUnknown: false,
    cause: safeCause(error, redact),
  });
}

// The caller's redaction knows this client's secrets; the generic one catches anything shaped like one.
function scrubber(redactKnown: Redact): Redact {
  return (text) => redactSecrets(redactKnown(text));
}

// The original error can hold the signed request URL or headers: keep only a scrubbed copy.
function safeCause(error: unknown, redact: Redact): Error {
  const raw = record(error);
  const copy = new Error(redact(stringOf(raw?.message) ?? String(error)));
  copy.name = stringOf(raw?.name) ?? "Error";
  const code = stringOf(raw?.code);
  if (code !== undefined) Object.assign(copy, { code });
  copy.stack = redact(stringOf(raw?.stack) ?? copy.stack ?? "");
  return copy;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== "undefined" ? value : undefined;
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n > 0 ? n : undefined;
}
