// Start a whole emulator (core + HTTP edge) on a port: for the CLI command, `provider.local` and tests.
// Quiet and cheap: it prints nothing and opens only the state file and one listening socket.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { StateInUseError } from "../support/file-lock.js";
import { createEmulatorServer, DEFAULT_CREDENTIALS, type EdgeOptions } from "./http/server.js";
import type { QpsLimits, ThrottleCode } from "./limits/index.js";
import { openService } from "./open-service.js";
import type { EmulatorService, ServiceOptions } from "./service.js";

export type { QpsLimits, ThrottleCode } from "./limits/index.js";
export type { EmulatorService, ServiceOptions } from "./service.js";

export interface EmulatorOptions extends ServiceOptions {
  /** Address to bind (default 127.0.0.1). */
  readonly host?: string;
  /** Port to bind; 0 (the default) picks a free one. */
  readonly port?: number;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  /** Added delay per RPC call, in milliseconds. */
  readonly latencyMs?: number;
  /** Requests per second per operation group; a group left out is unlimited. */
  readonly qps?: QpsLimits;
  /** Share of RPC calls (0..1) that fail as the service and the network fail. */
  readonly faultRate?: number;
  /** Throttling as HTTP 429 `Rejected.Throttling` (default) or HTTP 400 `Throttling` (legacy pages). */
  readonly throttleCode?: ThrottleCode;
  /** Source of randomness for fault injection (tests make it deterministic). */
  readonly random?: () => number;
  /** How long to wait for a state file another process holds before refusing (default 0: refuse at once). */
  readonly stateWaitMs?: number;
  /** RAM roles (`acs:ram::<uid>:role/<name>`) it answers STS AssumeRole for, on the same port. */
  readonly roles?: readonly string[];
  /** Longest temporary credentials it issues, in seconds (default 3600); a few seconds lets tests see renewal. */
  readonly maxSessionSeconds?: number;
}

export interface RunningEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly service: EmulatorService;
  /** Stops listening, drops open connections, flushes and releases the state. */
  close(): Promise<void>;
}

/**
 * Starts the KMS emulator in this process (the real RPC protocol, both signature versions, quotas,
 * faults, a simulated clock); `port: 0` picks a free port.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ region: "cn-hangzhou", port: 0 });
 * const { plan } = await planConfig("kms.yaml", { endpoint: emulator.url });
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const service = await openWaiting(options);
  let open = true;
  const server = createEmulatorServer(
    service,
    edgeOptions(options, () => open),
  );
  const host = options.host ?? "127.0.0.1";
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    service.close();
    throw error;
  }
  const close = closer(server, service, () => {
    open = false;
  });
  return { url: urlOf(host, port), host, port, service, close };
}

/** The HTTP edge's options: credentials (local/local unless given), latency, limits and faults, STS. */
function edgeOptions(options: EmulatorOptions, accepting: () => boolean): EdgeOptions {
  return {
    credentials: {
      accessKeyId: options.accessKeyId ?? DEFAULT_CREDENTIALS.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? DEFAULT_CREDENTIALS.accessKeySecret,
    },
    latencyMs: options.latencyMs,
    qps: options.qps,
    faultRate: options.faultRate,
    throttleCode: options.throttleCode,
    random: options.random,
    accepting,
    ...(options.roles ? { roles: options.roles } : {}),
    ...(options.maxSessionSeconds ? { maxSessionSeconds: options.maxSessionSeconds } : {}),
  };
}

/**
 * `close` for RunningEmulator: refuses new calls at once, then stops listening, drops open connections
 * and closes the service once; every call shares that one closing.
 */
function closer(server: Server, service: EmulatorService, stopAccepting: () => void): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => {
    stopAccepting();
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => service.close());
    return closing;
  };
}

/** `http://127.0.0.1:8300`; an IPv6 address in brackets. */
function urlOf(host: string, port: number): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

/** Opens the service, waiting up to `stateWaitMs` while another process holds the state file. */
async function openWaiting(options: EmulatorOptions): Promise<EmulatorService> {
  const waitMs = options.stateWaitMs ?? 0;
  const started = performance.now();
  for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
    try {
      return openService(options);
    } catch (error) {
      if (!(error instanceof StateInUseError) || waitMs <= 0) throw error;
      const waited = performance.now() - started;
      if (waited >= waitMs) throw new StateInUseError(error.statePath, error.holder, waited);
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, waitMs - waited)));
    }
  }
}

/** Resolves to the port bound (the real one for port 0); rejects with the bind error (EADDRINUSE ...). */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
