// Where a region's KMS lives: the public regional endpoint unless the user names another (a VPC
// endpoint, an emulator), reduced to the protocol and host[:port] the SDK's Config takes. What a valid
// endpoint is lives in src/model/endpoint.ts, the rule the config file is checked against too.

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
