// A KMS on this machine (an emulator) with no credentials configured: use the emulator's defaults, so
// `--endpoint http://127.0.0.1:8300` works out of the box. Never applies to any other host.

import { type CredentialSource, localChain } from "./credentials.js";

export const EMULATOR_CREDENTIALS = { accessKeyId: "local", accessKeySecret: "local" } as const;

export function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpoint.includes("://")
    ? new URL(endpoint).hostname.replace(/^\[|\]$/g, "")
    : hostOf(endpoint);
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

function hostOf(hostPort: string): string {
  return hostPort.startsWith("[") ? hostPort.slice(1, hostPort.indexOf("]")) : (hostPort.split(":")[0] ?? "");
}

/**
 * The credentials for a client of `endpoint`: for a KMS on this machine, the chain's local sources and
 * then the emulator's defaults (localChain); otherwise undefined, so the client uses the standard chain.
 * The CLI, the library and the Pulumi provider all ask here, so they pick the same credentials.
 */
export function loopbackChain(endpoint: string | undefined): CredentialSource | undefined {
  return endpoint !== undefined && onThisMachine(endpoint) ? localChain(EMULATOR_CREDENTIALS) : undefined;
}

/** A URL that does not parse is not on this machine (the client then says what is wrong with it). */
function onThisMachine(url: string): boolean {
  try {
    return isLoopbackEndpoint(url);
  } catch {
    return false;
  }
}
