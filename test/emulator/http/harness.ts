// Emulators for tests: started on 127.0.0.1 port 0, closed after each test; a caller per SDK generation.

import { afterEach } from "vitest";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../../src/emulator/index.js";
import { callAction, Kms, kmsClient, openApiClient, sdkError, type Target } from "./sdk.js";

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

export async function emulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ region: "cn-hangzhou", host: "127.0.0.1", port: 0, ...options });
  running.push(started);
  return started;
}

/** GET, or POST with a JSON body, to a `/__emulator/*` endpoint. */
export async function control(
  emulator: RunningEmulator,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${emulator.url}/__emulator/${path}`, {
    method: body === undefined ? "GET" : "POST",
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function stats(emulator: RunningEmulator): Promise<Record<string, number>> {
  return (await control(emulator, "stats")).body.calls as Record<string, number>;
}

export type Params = Record<string, string | number | boolean>;
/** One action with PascalCase parameters; resolves to the PascalCase body, rejects with `{ code, status }`. */
export type Caller = (action: string, params?: Params) => Promise<Record<string, unknown>>;

export const CALLERS = ["kms20160120 (v1)", "openapi-client (v3)", "openapi-client (v1)"] as const;
export type CallerName = (typeof CALLERS)[number];

export function caller(name: CallerName, target: Target): Caller {
  if (name === "kms20160120 (v1)") return typedCaller(target);
  const client = openApiClient(target, name === "openapi-client (v3)" ? "v3" : "v1");
  return async (action, params = {}) => {
    const query = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
    try {
      return (await callAction(client, action, { query })).body;
    } catch (error) {
      throw sdkError(error);
    }
  };
}

/** The typed client: `describeKey(new DescribeKeyRequest({ keyId }))`, its model mapped back to PascalCase. */
function typedCaller(target: Target): Caller {
  const client = kmsClient(target) as unknown as Record<
    string,
    (request: unknown) => Promise<{ toMap(): never }>
  >;
  const models = Kms as unknown as Record<string, new (map: Record<string, unknown>) => unknown>;
  return async (action, params = {}) => {
    const Request = models[`${action}Request`];
    const method = client[action.charAt(0).toLowerCase() + action.slice(1)];
    if (!Request || !method) throw new Error(`the typed SDK has no ${action}`);
    const fields = Object.fromEntries(Object.entries(params).map(([k, v]) => [lowerFirst(k), v]));
    try {
      return (await method.call(client, new Request(fields))).toMap();
    } catch (error) {
      // This SDK generation appends "Error" to the service's code; the scenario compares service codes.
      const e = sdkError(error);
      throw { ...e, code: e.code.replace(/Error$/, "") };
    }
  };
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
