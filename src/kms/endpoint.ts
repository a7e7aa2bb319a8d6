// Where a region's KMS lives: the public regional endpoint unless the user names another (a VPC
// endpoint, an emulator), reduced to the protocol and host[:port] the SDK's Config takes.

import { hideUserinfo } from "../model/escape.js";
import { KmsError } from "./errors.js";
import { redactSecrets } from "./redact.js";

export interface Endpoint {
  readonly protocol: "http" | "https";
  /** host or host:port, no path. */
  readonly host: string;
}

export function resolveEndpoint(region: string, endpoint?: string): Endpoint {
  const given = endpoint?.trim();
  if (!given) return { protocol: "https", host: `kms.${region}.aliyuncs.com` };
  const url = parseUrl(given.includes("://") ? given : `https://${given}`);
  const protocol = url?.protocol.slice(0, -1);
  if (!url || (protocol !== "http" && protocol !== "https") || !url.host) {
    throw invalid(given, "expected http(s)://host[:port] or a bare host name");
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    throw invalid(given, "the RPC API lives at the root: give no path, query or user");
  }
  return { protocol, host: url.host };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function invalid(endpoint: string, why: string): KmsError {
  // The endpoint may carry a user:password (of any characters) or a credential in its query.
  const shown = redactSecrets(hideUserinfo(endpoint));
  return new KmsError({
    code: "InvalidEndpoint",
    message: `invalid KMS endpoint "${shown}": ${why}`,
    retryable: false,
    outcomeUnknown: false,
  });
}
