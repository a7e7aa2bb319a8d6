// The SDK's per-request read timer ends with its request: none stays armed (holding the request, its
// answer and their buffers for the whole read timeout) once the call has returned.

import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { clientFor, createKey, start } from "./helpers.js";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await start();
});

afterAll(async () => {
  await emulator?.close();
});

/** httpx's timer on a socket, when one is armed. */
function armedReadTimer(socket: Socket): boolean {
  const symbol = Object.getOwnPropertySymbols(socket).find((s) => s.description === "TIMER::READ_TIMER");
  const timer = symbol === undefined ? undefined : (socket as unknown as Record<symbol, unknown>)[symbol];
  return timer !== undefined && timer !== null && (timer as { _destroyed?: boolean })._destroyed !== true;
}

it("no read timer stays armed once the calls have returned", async () => {
  const id = createKey(emulator);
  const sockets = new Set<Socket>();
  const seen = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    if (request.socket) sockets.add(request.socket);
    else request.once("socket", (socket: Socket) => sockets.add(socket));
  };
  subscribe("http.client.request.start", seen);
  try {
    const kms = clientFor(emulator, { concurrency: 4 });
    const keys = await Promise.all(Array.from({ length: 24 }, () => kms.describeKey(id)));
    expect(keys.every((k) => k.keyId === id)).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    unsubscribe("http.client.request.start", seen);
  }
  expect(sockets.size).toBeGreaterThan(0);
  expect([...sockets].filter(armedReadTimer)).toHaveLength(0);
});
