// An account reached through a RAM role: STS AssumeRole with the default chain's credentials, the
// temporary credentials kept and renewed before they expire, so a long run never signs with a dead token.
// AssumeRole goes through `@alicloud/openapi-client`, the client the KMS calls use, rather than
// `@alicloud/credentials`' RAM-role provider: that provider always speaks HTTPS to STS, so it could not
// reach an emulator (or any plain-http endpoint), and this way STS gets the same timeouts and errors.

import { accountError, type CredentialSource, type CredentialValue } from "./credentials.js";
import { resolveEndpoint } from "./endpoint.js";
import { KmsError, kmsErrorText, toKmsError } from "./errors.js";
import { redactSecrets } from "./redact.js";
import { rpcParams } from "./rpc-params.js";

export const STS_API_VERSION = "2015-04-01";
export const DEFAULT_STS_ENDPOINT = "https://sts.aliyuncs.com";
/** Names the tool in the role's session, so the account's ActionTrail shows who made each change. */
export const ROLE_SESSION_NAME = "kms-rotation";
/** The service's default and the role's usual MaxSessionDuration. */
const DURATION_SECONDS = 3600;
/** Renew this long before expiry at most, and at most a quarter of the credentials' lifetime before. */
const RENEW_MARGIN_MS = 5 * 60_000;

export interface RoleOptions {
  readonly account: string;
  readonly roleArn: string;
  readonly stsEndpoint?: string;
  /** Whose credentials call AssumeRole: the default chain. */
  readonly base: CredentialSource;
  readonly timeoutMs?: number;
  /** Real time in epoch ms (tests may move it). */
  readonly now?: () => number;
}

interface Held {
  readonly value: CredentialValue;
  readonly renewAtMs: number;
  readonly expiresAtMs: number;
}

export function roleSource(options: RoleOptions): CredentialSource {
  const now = options.now ?? Date.now;
  let held: Held | undefined;
  let renewing: Promise<Held> | undefined;
  let failed: KmsError | undefined;
  const renew = () => {
    renewing ??= assumeRole(options, now)
      .then((fresh) => {
        held = fresh;
        return fresh;
      })
      .catch((error: unknown) => {
        const failure = accountError(options.account, error);
        // A role that does not exist or may not be assumed stays so for the run: ask once, fail each key fast.
        if (!failure.retryable) failed = failure;
        throw failure;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
  return {
    getCredential: async () => {
      if (failed) throw failed;
      const t = now();
      if (held && t < held.renewAtMs) return held.value;
      // Still valid but near its end: renew, and keep using it if STS is briefly unreachable.
      if (held && t < held.expiresAtMs)
        return renew().then(
          (h) => h.value,
          () => (held as Held).value,
        );
      return (await renew()).value;
    },
  };
}

async function assumeRole(options: RoleOptions, now: () => number): Promise<Held> {
  const base = await options.base.getCredential();
  const endpoint = resolveEndpoint("sts", options.stsEndpoint ?? DEFAULT_STS_ENDPOINT);
  const [sdk, util] = await Promise.all([import("@alicloud/openapi-client"), import("@alicloud/tea-util")]);
  const Client = classOf(sdk.default);
  const timeout = options.timeoutMs ?? 10_000;
  const client = new Client(
    new sdk.Config({
      credential: { getCredential: async () => base } as never,
      endpoint: endpoint.host,
      protocol: endpoint.protocol,
      readTimeout: timeout,
      connectTimeout: Math.min(5_000, timeout),
      userAgent: "kms-rotation",
    }),
  );
  const params = rpcParams(sdk, "AssumeRole", STS_API_VERSION, endpoint.protocol);
  const query = {
    RoleArn: options.roleArn,
    RoleSessionName: ROLE_SESSION_NAME,
    DurationSeconds: String(DURATION_SECONDS),
  };
  const runtime = new util.RuntimeOptions({
    autoretry: false,
    maxAttempts: 1,
    readTimeout: timeout,
    connectTimeout: Math.min(5_000, timeout),
  });
  const secrets = [base.accessKeyId, base.accessKeySecret, base.securityToken ?? ""];
  let body: Record<string, unknown>;
  try {
    const response = await client.callApi(params, new sdk.OpenApiRequest({ query }), runtime);
    body = (response.body ?? {}) as Record<string, unknown>;
  } catch (error) {
    const failure = toKmsError(error, (text) => redactSecrets(text, secrets));
    throw new KmsError({
      code: failure.code,
      message: `cannot assume role ${options.roleArn}: ${kmsErrorText(failure).replace(/KMS/g, "STS")}`,
      retryable: failure.retryable,
      outcomeUnknown: false,
    });
  }
  return held(body, options.roleArn, now());
}

function held(body: Record<string, unknown>, roleArn: string, obtainedAtMs: number): Held {
  const c = (body.Credentials ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof c[name] === "string" ? (c[name] as string) : "");
  const expiresAtMs = Date.parse(text("Expiration"));
  if (
    !text("AccessKeyId") ||
    !text("AccessKeySecret") ||
    !text("SecurityToken") ||
    Number.isNaN(expiresAtMs)
  ) {
    throw new KmsError({
      code: "InvalidResponse",
      message: `cannot assume role ${roleArn}: STS answered without credentials`,
      retryable: true,
      outcomeUnknown: false,
    });
  }
  const margin = Math.min(RENEW_MARGIN_MS, (expiresAtMs - obtainedAtMs) / 4);
  return {
    value: {
      accessKeyId: text("AccessKeyId"),
      accessKeySecret: text("AccessKeySecret"),
      securityToken: text("SecurityToken"),
      type: "sts",
      providerName: "kms-rotation/ram_role_arn",
    },
    renewAtMs: expiresAtMs - Math.max(0, margin),
    expiresAtMs,
  };
}

// CommonJS interop, as in transport.ts: accept both shapes of the default export.
function classOf<T>(moduleExports: { default: T } | T): T {
  return typeof moduleExports === "function"
    ? (moduleExports as T)
    : (moduleExports as { default: T }).default;
}
