// One signed RPC call through the official SDK (`@alicloud/openapi-client` callApi, raw JSON body).
// The SDK and the credential chain are loaded on the first call, so commands that never talk to KMS
// never load them; the SDK's own retry is off because retries are ours (retry.ts).

import { INVALID_RESPONSE } from "./check.js";
import type { CredentialSource } from "./credentials.js";
import type { Endpoint } from "./endpoint.js";
import { credentialsError, isKmsError, KmsError, toKmsError } from "./errors.js";
import type { Body } from "./map.js";
import { sourceInWords } from "./profile-file.js";
import { redactSecrets } from "./redact.js";
import { clearResponseTimersWhenClosed } from "./response-timers.js";
import { rpcParams } from "./rpc-params.js";
import { silenceSdkDebug } from "./sdk-debug.js";
import { MAX_ANSWER_BYTES, watched } from "./wire.js";

export const API_VERSION = "2016-01-20";

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

export interface TransportOptions {
  readonly endpoint: Endpoint;
  readonly region: string;
  readonly credentials?: StaticCredentials;
  /** An account's own source (profile, role); wins over `credentials` and the default chain. */
  readonly credential?: CredentialSource;
  /** v3 = ACS3-HMAC-SHA256 (the SDK's default); v1 = HMAC-SHA1 signature version 1.0. */
  readonly signatureVersion: "v3" | "v1";
  readonly readTimeoutMs: number;
  readonly connectTimeoutMs: number;
}

export interface Transport {
  /** One call; `cut` aborting destroys its sockets (a read given up on, a call past its timeout). */
  call(action: string, params: Readonly<Record<string, string>>, cut?: AbortSignal): Promise<Body>;
  /** The service's clock as its last answer's `Date` header told it, moved on by the time since. */
  serviceNow(): Date | undefined;
  /** Scrubs this client's own secrets (and any credential-looking value) out of text. */
  redact(text: string): string;
}

const importSdk = () => import("@alicloud/openapi-client");
type Sdk = Awaited<ReturnType<typeof importSdk>>;

interface Loaded {
  readonly client: InstanceType<Sdk["default"]["default"]>;
  readonly credential: {
    getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
  };
  readonly sdk: Sdk;
  readonly runtime: object;
}

export function createTransport(options: TransportOptions): Transport {
  const secrets = new Set<string>();
  for (const value of Object.values(options.credentials ?? {})) if (value) secrets.add(value);
  const redact = (text: string): string => redactSecrets(text, secrets);
  let loading: Promise<Loaded> | undefined;

  let lastDate: { readonly ms: number; readonly at: number } | undefined;
  const call = async (
    action: string,
    params: Readonly<Record<string, string>>,
    cut?: AbortSignal,
  ): Promise<Body> => {
    // A failed load (a broken install) is not cached: the next call tries again.
    loading ??= load(options).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    const { client, credential, sdk, runtime } = await loading;
    const identity = await resolveCredential(credential, secrets, redact);
    const apiParams = rpcParams(sdk, action, API_VERSION, options.endpoint.protocol);
    const request = new sdk.OpenApiRequest({ query: { ...params } });
    const sent = await watched(() => client.callApi(apiParams, request, runtime as never), cut);
    const dateMs = sent.call.date === undefined ? Number.NaN : Date.parse(sent.call.date);
    if (!Number.isNaN(dateMs)) lastDate = { ms: dateMs, at: Date.now() };
    if (sent.call.refused) throw refusedAnswer(action, sent.call.refused);
    if (sent.error !== undefined) throw namingIdentity(toKmsError(sent.error, redact), identity);
    return (sent.value?.body ?? {}) as Body;
  };
  const serviceNow = () => (lastDate ? new Date(lastDate.ms + (Date.now() - lastDate.at)) : undefined);
  return { call, redact, serviceNow };
}

// Resolving first, ourselves, tells "no credentials" apart from a failed call, and learns the values
// to scrub from messages. The chain's providers cache, so the SDK's own lookup right after is cheap.
async function resolveCredential(
  credential: Loaded["credential"],
  secrets: Set<string>,
  redact: (t: string) => string,
) {
  let model: Awaited<ReturnType<Loaded["credential"]["getCredential"]>>;
  try {
    model = await credential.getCredential();
  } catch (error) {
    // An account's source already says which account and what went wrong.
    throw isKmsError(error) ? error : credentialsError(error, redact);
  }
  for (const value of [model.accessKeyId, model.accessKeySecret, model.securityToken])
    if (value) secrets.add(value);
  if (!model.accessKeyId || !model.accessKeySecret)
    throw credentialsError(new Error("the credential has no access key"));
  const source = (model as { providerName?: string }).providerName;
  return { accessKeyId: model.accessKeyId, source: source ? sourceInWords(source) : "the credential chain" };
}

function refusedAnswer(action: string, why: "too-large" | "compressed"): KmsError {
  const what =
    why === "too-large"
      ? `more than ${MAX_ANSWER_BYTES / (1024 * 1024)} MiB; reading stopped there`
      : "a compressed body, which was not asked for";
  // Whatever a write's answer was, it may have been applied: apply settles it by reading.
  return new KmsError({
    code: INVALID_RESPONSE,
    message: `KMS answered ${action} with ${what}`,
    retryable: false,
    outcomeUnknown: true,
  });
}

/** The service's answers that mean "these credentials are not accepted". */
const AUTHENTICATION_CODES =
  /^(InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken)/;

/**
 * An authentication failure names the access key id it was made with and where that came from (never
 * the secret), so "which credentials did it use?" needs no guessing.
 */
function namingIdentity(error: KmsError, identity: { accessKeyId: string; source: string }): KmsError {
  if (!AUTHENTICATION_CODES.test(error.code)) return error;
  return new KmsError({
    code: error.code,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    message: `${error.message} (access key id ${identity.accessKeyId} from ${identity.source})`,
    retryable: error.retryable,
    outcomeUnknown: error.outcomeUnknown,
    cause: error.cause,
  });
}

/**
 * The credential as the SDK sees it: with no provider name, so no `x-acs-credentials-provider` header
 * carries our words for the source (a local path, a user or profile name, non-ASCII text that Node
 * refuses in a header) to the service. Our own messages still read the name from the source itself.
 */
function withoutSourceName(credential: Loaded["credential"]): Loaded["credential"] {
  return {
    getCredential: async () => ({ ...(await credential.getCredential()), providerName: "" }),
  };
}

async function load(options: TransportOptions): Promise<Loaded> {
  silenceSdkDebug();
  const [sdk, credentials, util] = await Promise.all([
    importSdk(),
    import("@alicloud/credentials"),
    import("@alicloud/tea-util"),
  ]);
  const Credential = classOf(credentials.default);
  const given = options.credentials;
  const credential = options.credential
    ? options.credential
    : given
      ? new Credential(
          new credentials.Config({
            type: given.securityToken ? "sts" : "access_key",
            accessKeyId: given.accessKeyId,
            accessKeySecret: given.accessKeySecret,
            ...(given.securityToken ? { securityToken: given.securityToken } : {}),
          }),
        )
      : new Credential();
  const Client = classOf(sdk.default);
  clearResponseTimersWhenClosed();
  const config = new sdk.Config({
    credential: withoutSourceName(credential),
    endpoint: options.endpoint.host,
    protocol: options.endpoint.protocol,
    regionId: options.region,
    readTimeout: options.readTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
    userAgent: "kms-rotation",
    // The SDK's switch for the older RPC signature is spelled "v2"; it sends HMAC-SHA1 v1.0.
    ...(options.signatureVersion === "v1" ? { signatureAlgorithm: "v2" } : {}),
  });
  const runtime = new util.RuntimeOptions({
    autoretry: false,
    maxAttempts: 1,
    readTimeout: options.readTimeoutMs,
    connectTimeout: options.connectTimeoutMs,
  });
  return { client: new Client(config), credential, sdk, runtime };
}

// CommonJS modules: Node hands us `module.exports` as `default`, whose own `default` is the class;
// bundlers and test runners (vitest) unwrap one layer. Accept both.
function classOf<T>(moduleExports: { default: T }): T {
  return typeof moduleExports === "function" ? (moduleExports as T) : moduleExports.default;
}
