// Where a region's KMS lives: the public regional endpoint unless the user names another (a VPC
// endpoint, an emulator), reduced to the protocol and host[:port] the SDK's Config takes. What a valid
// endpoint is lives in src/model/endpoint.ts, the rule the config file is checked against too.

import { isIP } from "node:net";
import { type Endpoint, parseEndpoint } from "../model/endpoint.js";
import { KmsError } from "./errors.js";
import { redactSecrets } from "./redact.js";

export type { Endpoint } from "../model/endpoint.js";

export function resolveEndpoint(region: string, endpoint?: string): Endpoint {
  const given = endpoint?.trim();
  if (!given) return { protocol: "https", host: `kms.${region}.aliyuncs.com` };
  const parsed = parseEndpoint(given);
  if ("endpoint" in parsed) return parsed.endpoint;
  throw new KmsError({
    code: "InvalidEndpoint",
    // The model's message already hides any user:password; scrub anything else credential-like too.
    message: redactSecrets(parsed.problem),
    retryable: false,
    outcomeUnknown: false,
  });
}

/**
 * One name for one KMS target, however it is spelled: scheme, the host resolved to its addresses (every
 * loopback spelling — `localhost`, `127.0.0.1`, `::1` — is one), and the port, explicit. A name that does
 * not resolve stays itself, lower-cased.
 */
export async function canonicalEndpoint(endpoint: Endpoint): Promise<string> {
  const url = new URL(`${endpoint.protocol}://${endpoint.host}`);
  const port = url.port || (endpoint.protocol === "https" ? "443" : "80");
  const name = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return `${endpoint.protocol}://${await hostKey(name)}:${port}`;
}

async function hostKey(name: string): Promise<string> {
  if (name === "localhost" || isLoopback(name)) return "loopback";
  if (isIP(name)) return name;
  try {
    const { lookup } = await import("node:dns/promises");
    const addresses = (await lookup(name, { all: true })).map((a) => a.address);
    if (addresses.length === 0) return name;
    if (addresses.some(isLoopback)) return "loopback";
    return [...new Set(addresses)].sort().join(",");
  } catch {
    return name;
  }
}

function isLoopback(address: string): boolean {
  return (
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1" || address === "0:0:0:0:0:0:0:1"
  );
}
