// The SDK's HTTP layer (httpx) arms a read timer on each request's socket and clears it only when its own
// reader reads the body; the SDK reads bodies with another reader, so every timer stayed armed for the
// whole read timeout, holding its request and response: at 2,000 calls a second and a 15 s timeout, some
// 30,000 of them (a 100,000-key plan peaked near 600 MB). We clear the timer when the socket is free again.

import http from "node:http";
import https from "node:https";
import type { Socket } from "node:net";

/** httpx's symbol for the timer (`Symbol('TIMER::READ_TIMER')`), found by its description. */
const TIMER_DESCRIPTION = "TIMER::READ_TIMER";

function clearReadTimer(socket: Socket): void {
  for (const symbol of Object.getOwnPropertySymbols(socket)) {
    if (symbol.description !== TIMER_DESCRIPTION) continue;
    const holder = socket as unknown as Record<symbol, unknown>;
    clearTimeout(holder[symbol] as NodeJS.Timeout | undefined);
    holder[symbol] = undefined;
  }
}

let installed = false;

/**
 * Once per process: a socket handed back to the global agents' pool (its response read whole) has no
 * request waiting on it, so no read timer is needed on it any more.
 */
export function clearResponseTimersWhenFree(): void {
  if (installed) return;
  installed = true;
  for (const agent of [http.globalAgent, https.globalAgent]) agent.on("free", clearReadTimer);
}
