// Start a whole emulator (core + HTTP edge) on a port: for the CLI command, `provider.local` and tests.
// Quiet and cheap: it prints nothing and opens only the state file and one listening socket.

import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulatorServer, DEFAULT_CREDENTIALS } from "./http/server.js";
import type { QpsLimits } from "./limits/index.js";
import { openService } from "./open-service.js";
import type { EmulatorService, ServiceOptions } from "./service.js";

export type { QpsLimits } from "./limits/index.js";
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
  /** Source of randomness for fault injection (tests make it deterministic). */
  readonly random?: () => number;
}

export interface RunningEmulator {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly service: EmulatorService;
  /** Stops listening, drops open connections, flushes and releases the state. */
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const service = openService(options);
  let open = true;
  const server = createEmulatorServer(service, {
    credentials: {
      accessKeyId: options.accessKeyId ?? DEFAULT_CREDENTIALS.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? DEFAULT_CREDENTIALS.accessKeySecret,
    },
    latencyMs: options.latencyMs,
    qps: options.qps,
    faultRate: options.faultRate,
    random: options.random,
    accepting: () => open,
  });
  const host = options.host ?? "127.0.0.1";
  let port: number;
  try {
    port = await listen(server, options.port ?? 0, host);
  } catch (error) {
    service.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () => {
    open = false;
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }).then(() => service.close());
    return closing;
  };
  return { url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`, host, port, service, close };
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
