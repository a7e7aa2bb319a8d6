// createKms: the `Kms` one region's code talks to, built from the SDK transport, errors.ts's verdicts,
// p-retry and the adaptive limiter. Every call is one attempt per limiter slot, retried between slots.

import { formatServiceInterval } from "../model/index.js";
import { resolveEndpoint } from "./endpoint.js";
import { abortedError, isThrottling, toKmsError } from "./errors.js";
import { AdaptiveLimiter } from "./limiter.js";
import {
  type Body,
  listOf,
  pageOf,
  toAliasListing,
  toKeyListing,
  toKeyVersion,
  toObservedKey,
  toTag,
} from "./map.js";
import { DEFAULT_RETRY_POLICY, type RetryInfo, withRetries } from "./retry.js";
import { createTransport, type StaticCredentials, type Transport } from "./transport.js";
import type { AliasListing, CallOptions, Kms } from "./types.js";

export interface KmsOptions {
  readonly region: string;
  /** `http://127.0.0.1:8300`, `https://kms-vpc.cn-hangzhou.aliyuncs.com` or a bare host; default the public endpoint. */
  readonly endpoint?: string;
  /** Default: the standard `@alicloud/credentials` chain (env, profile, RAM role, OIDC). */
  readonly credentials?: StaticCredentials;
  /** Default v3 (ACS3-HMAC-SHA256); v1 is HMAC-SHA1, as the older SDK generation signs. */
  readonly signatureVersion?: "v3" | "v1";
  /** Read timeout per attempt (default 10 s); connecting gets at most 5 s of it. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 6). */
  readonly retries?: number;
  /** Calls in flight at most (default 16); shrinks on throttling and grows back. */
  readonly concurrency?: number;
  /** Aborts every call of this client: no further attempts, no more waiting. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: RetryInfo) => void;
  /** Backoff bounds; tests shorten them. */
  readonly backoff?: { readonly minMs?: number; readonly maxMs?: number };
}

const PAGE_SIZE = 100;

export function createKms(options: KmsOptions): Kms {
  const endpoint = resolveEndpoint(options.region, options.endpoint);
  const readTimeoutMs = options.timeoutMs ?? 10_000;
  const transport = createTransport({
    endpoint,
    region: options.region,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    signatureVersion: options.signatureVersion ?? "v3",
    readTimeoutMs,
    connectTimeoutMs: Math.min(5_000, readTimeoutMs),
  });
  const limiter = new AdaptiveLimiter(options.concurrency ?? 16);
  const policy = {
    retries: options.retries ?? DEFAULT_RETRY_POLICY.retries,
    minTimeoutMs: options.backoff?.minMs ?? DEFAULT_RETRY_POLICY.minTimeoutMs,
    maxTimeoutMs: options.backoff?.maxMs ?? DEFAULT_RETRY_POLICY.maxTimeoutMs,
  };

  const send = (write: boolean) => (action: string, params: Record<string, string>, call?: CallOptions) => {
    const signal = combine(options.signal, call?.signal);
    const attempt = () => attemptOnce(transport, limiter, { action, params, write, signal });
    return withRetries(attempt, {
      action,
      write,
      policy,
      ...(signal ? { signal } : {}),
      ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    });
  };
  return buildKms(options.region, send(false), send(true));
}

type Send = (action: string, params: Record<string, string>, call?: CallOptions) => Promise<Body>;

function buildKms(region: string, read: Send, write: Send): Kms {
  const paging = (page: number, size: number) => ({ PageNumber: String(page), PageSize: String(size) });
  return {
    region,
    describeKey: async (keyId, o) => toObservedKey(await read("DescribeKey", { KeyId: keyId }, o), region),
    countKeyVersions: async (keyId, o) =>
      pageOf(
        await read("ListKeyVersions", { KeyId: keyId, ...paging(1, 1) }, o),
        "KeyVersions",
        "KeyVersion",
        toKeyVersion,
      ).totalCount,
    listKeyVersions: async (keyId, page, size, o) =>
      pageOf(
        await read("ListKeyVersions", { KeyId: keyId, ...paging(page, size) }, o),
        "KeyVersions",
        "KeyVersion",
        toKeyVersion,
      ),
    updateRotationPolicy: async (keyId, enable, intervalSeconds, o) => {
      const params: Record<string, string> = { KeyId: keyId, EnableAutomaticRotation: String(enable) };
      if (intervalSeconds !== undefined) params.RotationInterval = formatServiceInterval(intervalSeconds);
      await write("UpdateRotationPolicy", params, o);
    },
    createKeyVersion: async (keyId, o) => {
      const body = await write("CreateKeyVersion", { KeyId: keyId }, o);
      return toKeyVersion(body.KeyVersion);
    },
    listKeys: async (page, size, o) =>
      pageOf(await read("ListKeys", paging(page, size), o), "Keys", "Key", toKeyListing),
    listAliases: async (page, size, o) =>
      pageOf(await read("ListAliases", paging(page, size), o), "Aliases", "Alias", toAliasListing),
    listAliasesByKeyId: (keyId, o) => allAliases(read, keyId, o),
    // ListResourceTags has no paging parameters: one answer carries every tag of the key.
    listResourceTags: async (keyId, o) =>
      listOf(await read("ListResourceTags", { KeyId: keyId }, o), "Tags", "Tag").map(toTag),
  };
}

async function allAliases(read: Send, keyId: string, call?: CallOptions): Promise<readonly AliasListing[]> {
  const all: AliasListing[] = [];
  for (let page = 1; ; page += 1) {
    const body = await read(
      "ListAliasesByKeyId",
      { KeyId: keyId, PageNumber: String(page), PageSize: String(PAGE_SIZE) },
      call,
    );
    const { items, totalCount } = pageOf(body, "Aliases", "Alias", toAliasListing);
    all.push(...items);
    if (items.length === 0 || all.length >= totalCount) return all;
  }
}

interface Attempt {
  readonly action: string;
  readonly params: Record<string, string>;
  readonly write: boolean;
  readonly signal: AbortSignal | undefined;
}

/** One attempt in one limiter slot; the slot is held until the request really ends, even when aborted. */
async function attemptOnce(transport: Transport, limiter: AdaptiveLimiter, a: Attempt): Promise<Body> {
  let slot: Awaited<ReturnType<AdaptiveLimiter["acquire"]>>;
  try {
    slot = await limiter.acquire(a.signal);
  } catch (reason) {
    throw abortedError(false, reason);
  }
  const request = transport.call(a.action, a.params).then(
    (body) => {
      slot.release("success");
      return body;
    },
    (error: unknown) => {
      const failure = toKmsError(error, transport.redact);
      slot.release(isThrottling(failure) ? "throttled" : "failure");
      throw failure;
    },
  );
  return raceAbort(request, a.signal, a.write);
}

// Abort stops our waiting; the request itself cannot be recalled, so a write in flight is unknown.
function raceAbort<T>(request: Promise<T>, signal: AbortSignal | undefined, write: boolean): Promise<T> {
  if (!signal) return request;
  request.catch(() => {});
  if (signal.aborted) return Promise.reject(abortedError(write, signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(write, signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    request.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (!a) return b;
  if (!b) return a;
  return AbortSignal.any([a, b]);
}
