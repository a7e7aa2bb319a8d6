// The SDK's HTTP layer (httpx) arms a read timer on each request's socket and clears it only when its own
// reader reads the body; the SDK reads bodies with another reader, so every timer stayed armed for the
// whole read timeout (10 s by default), holding its request, response and their buffers: at a few hundred
// calls a second, thousands of them (a 100,000-key plan peaked over 300 MB). httpx sends through an agent
// of its own, not the global ones, so the request itself is watched: once it is closed (its answer read
// whole, or its socket gone) the timer can only fire on a request already settled, and is cleared.

import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";

/** httpx's symbol for the timer (`Symbol('TIMER::READ_TIMER')`), found by its description. */
const TIMER_DESCRIPTION = "TIMER::READ_TIMER";

let timerSymbol: symbol | undefined;

function clearReadTimer(socket: Socket | null): void {
  if (!socket) return;
  const holder = socket as unknown as Record<symbol, NodeJS.Timeout | undefined>;
  timerSymbol ??= Object.getOwnPropertySymbols(socket).find((s) => s.description === TIMER_DESCRIPTION);
  if (timerSymbol === undefined || holder[timerSymbol] === undefined) return;
  clearTimeout(holder[timerSymbol]);
  holder[timerSymbol] = undefined;
}

let installed = false;

/**
 * Once per process: a request that is closed has no answer left to wait for. Its socket's read timer is
 * still its own then (a kept-alive socket goes back to the pool only after the request's `close`).
 */
export function clearResponseTimersWhenClosed(): void {
  if (installed) return;
  installed = true;
  subscribe("http.client.request.start", (message) => {
    const request = (message as { request: ClientRequest }).request;
    request.once("close", () => clearReadTimer(request.socket));
  });
}
