// The emulator's HTTP server: the control endpoints and the RPC protocol in front of one EmulatorService.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createLimits, type LimitsOptions } from "../limits/index.js";
import type { EmulatorService } from "../service.js";
import { type Credentials, SKEW_MS } from "./authenticate.js";
import { CallStats } from "./call-stats.js";
import { CONTROL_PREFIX, handleControl } from "./control-endpoints.js";
import { NonceCache } from "./nonce-cache.js";
import { handleRpc, type RpcContext } from "./rpc-handler.js";

export interface EdgeOptions extends LimitsOptions {
  readonly credentials?: Credentials;
  /** Real wall-clock milliseconds, for timestamps and nonces (tests may pin it). */
  readonly realNow?: () => number;
  /** False once the emulator is closing: calls still in flight are dropped, never run on a closed core. */
  readonly accepting?: () => boolean;
}

export const DEFAULT_CREDENTIALS: Credentials = { accessKeyId: "local", accessKeySecret: "local" };

export function createEmulatorServer(service: EmulatorService, options: EdgeOptions = {}): Server {
  const stats = new CallStats();
  const context: RpcContext = {
    service,
    stats,
    accepting: options.accepting ?? (() => true),
    limits: createLimits(options),
    hostId: `kms.${service.region}.aliyuncs.com`,
    auth: {
      credentials: options.credentials ?? DEFAULT_CREDENTIALS,
      // A nonce is kept until its request's timestamp leaves the window; after that the timestamp refuses it.
      nonces: new NonceCache(SKEW_MS),
      realNow: options.realNow ?? Date.now,
    },
  };
  return createServer((req, res) => {
    route(req, res, context).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}

function route(req: IncomingMessage, res: ServerResponse, context: RpcContext): Promise<void> {
  if (req.url?.startsWith(CONTROL_PREFIX)) return handleControl(req, res, context.service, context.stats);
  return handleRpc(req, res, context);
}
