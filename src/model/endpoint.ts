// What a KMS endpoint URL may be: the one rule, shared by the config file's checks (with a position) and
// the KMS client (at connect time), so that `validate` accepts exactly what `plan` and `apply` can use.

import { hideUserinfo } from "./escape.js";

export interface Endpoint {
  readonly protocol: "http" | "https";
  /** host or host:port, no path. */
  readonly host: string;
}

export type ParsedEndpoint = { readonly endpoint: Endpoint } | { readonly problem: string };

/**
 * `http(s)://host[:port]` or a bare host (https), with no path, query or user; `problem` says what is
 * wrong otherwise, quoting the URL as `shownEndpoint` has it (never a password).
 */
export function parseEndpoint(text: string): ParsedEndpoint {
  const given = text.trim();
  const url = parseUrl(given.includes("://") ? given : `https://${given}`);
  const protocol = url?.protocol.slice(0, -1);
  // WHATWG URLs read `http:///x` as host "x": an empty authority is not a host.
  const authority = given.includes("://") ? given.slice(given.indexOf("://") + 3) : given;
  if (!url || (protocol !== "http" && protocol !== "https") || !url.host || /^[/\\]/.test(authority)) {
    return invalid(given, "expected http(s)://host[:port] or a bare host name");
  }
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.username || url.password) {
    return invalid(given, "the RPC API lives at the root: give no path, query or user");
  }
  return { endpoint: { protocol, host: url.host } };
}

/** The endpoint as it may be printed: no user or password, no query (either may carry a credential). */
export function shownEndpoint(text: string): string {
  const hidden = hideUserinfo(text);
  const query = hidden.indexOf("?");
  return query === -1 ? hidden : `${hidden.slice(0, query)}?[redacted]`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function invalid(endpoint: string, why: string): ParsedEndpoint {
  return { problem: `invalid KMS endpoint "${shownEndpoint(endpoint)}": ${why}` };
}
