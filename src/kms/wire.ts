// What the SDK does not let us say about its HTTP: an answer's size is bounded (reading stops past it),
// a compressed answer nobody asked for is refused, the service's `Date` header is kept, and a call that is
// given up on has its sockets destroyed so the process never waits on a stalled endpoint. The SDK's
// requests are found through Node's http diagnostics channel, each tied to its call by AsyncLocalStorage.

import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest, IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/** Far beyond any answer of the calls we make (a page of 100 keys is ~20 KB), far below harm. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface WireCall {
  readonly limit: number;
  readonly cut: AbortSignal | undefined;
  readonly requests: Set<ClientRequest>;
  /** Why the answer was cut off, when it was. */
  refused?: "too-large" | "compressed";
  /** The `Date` header of the answer, as the service sent it. */
  date?: string;
}

const calls = new AsyncLocalStorage<WireCall>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  subscribe("http.client.request.start", (message) => {
    const call = calls.getStore();
    if (call) track(call, (message as { request: ClientRequest }).request);
  });
}

function track(call: WireCall, request: ClientRequest): void {
  if (call.cut?.aborted) {
    request.destroy(new Error("call given up"));
    return;
  }
  call.requests.add(request);
  request.once("close", () => call.requests.delete(request));
  let bytes = 0;
  const count = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > call.limit) refuse(call, request, "too-large");
  };
  const watch = (socket: Socket) => {
    socket.on("data", count);
    request.once("close", () => socket.off("data", count));
  };
  // The channel speaks when the request is finished, by then usually on its socket already: its
  // "socket" event has passed, and waiting for it would count nothing (a chunked answer went unbounded).
  if (request.socket) watch(request.socket);
  else request.once("socket", watch);
  request.once("response", (response: IncomingMessage) => {
    const date = response.headers.date;
    if (typeof date === "string") call.date = date;
    const encoding = response.headers["content-encoding"];
    // A gzip answer would be inflated past any bound we set on the wire: we never ask for one.
    if (encoding !== undefined && encoding !== "identity") refuse(call, request, "compressed");
    const declared = Number(response.headers["content-length"]);
    if (Number.isFinite(declared) && declared > call.limit) refuse(call, request, "too-large");
  });
}

function refuse(call: WireCall, request: ClientRequest, why: NonNullable<WireCall["refused"]>): void {
  call.refused ??= why;
  request.destroy(new Error(why === "too-large" ? "answer too large" : "compressed answer"));
}

/**
 * Runs `send` (one SDK call) with its HTTP requests watched. `cut` aborting destroys their sockets at
 * once: what the caller waits on then fails, and nothing keeps the process alive.
 */
export async function watched<T>(
  send: () => Promise<T>,
  cut: AbortSignal | undefined,
  limit = MAX_ANSWER_BYTES,
): Promise<{ readonly value?: T; readonly error?: unknown; readonly call: WireCall }> {
  listen();
  const call: WireCall = { limit, cut, requests: new Set() };
  const destroy = () => {
    for (const request of call.requests) request.destroy(new Error("call given up"));
  };
  cut?.addEventListener("abort", destroy, { once: true });
  try {
    return { value: await calls.run(call, send), call };
  } catch (error) {
    return { error, call };
  } finally {
    cut?.removeEventListener("abort", destroy);
  }
}
