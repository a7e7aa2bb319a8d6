// The emulator's HTTP server: the control endpoints and the RPC protocol in front of one EmulatorService.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createLimits, type LimitsOptions } from "../limits/index.js";
import type { EmulatorService } from "../service.js";
import { type Credentials, SKEW_MS } from "./authenticate.js";
import { CallStats } from "./call-stats.js";
import { CONTROL_PREFIX, handleControl } from "./control-endpoints.js";
import { NonceCache } from "./nonce-cache.js";
import { handleRpc, type RpcContext } from "./rpc-handler.js";
import { DEFAULT_SESSION_SECONDS, type StsOptions } from "./sts.js";

export interface EdgeOptions extends LimitsOptions {
  readonly credentials?: Credentials;
  /** Real wall-clock milliseconds, for timestamps and nonces (tests may pin it). */
  readonly realNow?: () => number;
  /** False once the emulator is closing: calls still in flight are dropped, never run on a closed core. */
  readonly accepting?: () => boolean;
  /** Roles (ARNs) it lets callers assume through STS AssumeRole on the same port. */
  readonly roles?: readonly string[];
  /** Longest temporary credentials it issues, in seconds (default 3600). */
  readonly maxSessionSeconds?: number;
}

export const DEFAULT_CREDENTIALS: Credentials = { accessKeyId: "local", accessKeySecret: "local" };

export function createEmulatorServer(service: EmulatorService, options: EdgeOptions = {}): Server {
  const stats = new CallStats();
  const credentials = options.credentials ?? DEFAULT_CREDENTIALS;
  const realNow = options.realNow ?? Date.now;
  const roles = new Set(options.roles ?? []);
  const sts: StsOptions | undefined =
    roles.size === 0
      ? undefined
      : {
          accountSecret: credentials.accessKeySecret,
          roles,
          maxSessionSeconds: options.maxSessionSeconds ?? DEFAULT_SESSION_SECONDS,
          realNow,
        };
  // A nonce is kept until its request's timestamp leaves the window; after that the timestamp refuses it.
  // The service keeps them with its state, so a replay after a restart is refused too.
  const nonces = new NonceCache(SKEW_MS, undefined, (nonce, expiry) => service.noteNonce(nonce, expiry));
  nonces.load(service.savedNonces());
  const context: RpcContext = {
    ...(sts ? { sts } : {}),
    service,
    stats,
    accepting: options.accepting ?? (() => true),
    limits: createLimits(options),
    hostId: `kms.${service.region}.aliyuncs.com`,
    auth: {
      credentials,
      nonces,
      realNow,
      roles,
      onCaller: (kind) => stats.caller(kind),
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
