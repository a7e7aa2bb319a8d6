// Where a client's credentials come from: the default chain, a profile of the standard credentials file,
// or a role assumed through STS. One source per account, resolved once and shared by that account's
// regions; `@alicloud/credentials` is loaded only when a source is first asked.

import { isKmsError, KmsError, kmsErrorText } from "./errors.js";
import { credentialsFilePath, profileLabel, profileProblem } from "./profile-file.js";
import { redactSecrets } from "./redact.js";

/** What the SDK's Config.credential is asked for before each signed call. */
export interface CredentialValue {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** `access_key` or `sts`: the SDK signs both as AccessKey requests. */
  readonly type: string;
  readonly providerName: string;
}

export interface CredentialSource {
  getCredential(): Promise<CredentialValue>;
}

type ChainCredential = { getCredential(): Promise<Partial<CredentialValue>> };

const importCredentials = () => import("@alicloud/credentials");

/** The standard chain (env, profile file, RAM role, OIDC), as `@alicloud/credentials` resolves it. */
export function defaultChain(): CredentialSource {
  return fromSdk("the default credential chain", async (m) => new (classOf(m.default))());
}

/** A named profile of the standard credentials file (`~/.alibabacloud/credentials`). */
export function profileSource(account: string, profile: string): CredentialSource {
  // The provider reads the file once and keeps the profile's static keys: resolved once per account.
  const source = fromSdk(
    `profile "${profile}"`,
    async (m) => {
      const provider = m.ProfileCredentialsProvider.builder().withProfileName(profile).build();
      return new (classOf(m.default))(null, provider);
    },
    // The SDK says `profile/static_ak` and `Can not find credential type for "x"`: say file and profile.
    { label: profileLabel(profile), explain: (detail) => profileProblem(profile, detail) },
  );
  return once(withAccount(account, source));
}

/** Errors of a source name the account they are about, so one failing account is told apart. */
export function withAccount(account: string, source: CredentialSource): CredentialSource {
  return {
    getCredential: () =>
      source.getCredential().catch((error: unknown) => {
        throw accountError(account, error);
      }),
  };
}

/** The code of a key not read because its account's credentials could not be had (a wrong role, profile). */
export const ACCOUNT_CREDENTIALS_FAILED = "AccountCredentialsFailed";

export function accountError(account: string, error: unknown): KmsError {
  const message = isKmsError(error)
    ? kmsErrorText(error)
    : error instanceof Error
      ? error.message
      : String(error);
  // A passing failure keeps its own code (throttling, network), so retries treat it as what it is.
  const retryable = error instanceof KmsError && error.retryable;
  const code = retryable ? error.code : ACCOUNT_CREDENTIALS_FAILED;
  return new KmsError({
    code,
    message: message.startsWith(`account ${account}`) ? message : `account ${account}: ${message}`,
    retryable,
    outcomeUnknown: false,
  });
}

/** A source whose first answer (or lasting failure) is kept: static keys do not change during a run. */
export function once(source: CredentialSource): CredentialSource {
  let pending: Promise<CredentialValue> | undefined;
  return {
    getCredential: () => {
      pending ??= source.getCredential().catch((error: unknown) => {
        // A passing failure (network) may be asked again; a wrong profile stays wrong.
        if (error instanceof KmsError && error.retryable) pending = undefined;
        throw error;
      });
      return pending;
    },
  };
}

function fromSdk(
  what: string,
  make: (m: Awaited<ReturnType<typeof importCredentials>>) => Promise<ChainCredential>,
  words: { readonly label?: string; readonly explain?: (detail: string) => string } = {},
): CredentialSource {
  let credential: Promise<ChainCredential> | undefined;
  return {
    getCredential: async () => {
      credential ??= importCredentials().then(make);
      let model: Partial<CredentialValue>;
      try {
        model = await (await credential).getCredential();
      } catch (error) {
        credential = undefined;
        throw noCredentials(what, error, words.explain);
      }
      if (!model.accessKeyId || !model.accessKeySecret)
        throw noCredentials(what, new Error("it has no access key"));
      return {
        accessKeyId: model.accessKeyId,
        accessKeySecret: model.accessKeySecret,
        ...(model.securityToken ? { securityToken: model.securityToken } : {}),
        type: model.securityToken ? "sts" : "access_key",
        providerName: words.label ?? model.providerName ?? "kms-rotation",
      };
    },
  };
}

function noCredentials(what: string, error: unknown, explain = (detail: string) => detail): KmsError {
  const said = redactSecrets(error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  const detail = explain(said);
  return new KmsError({
    code: "CredentialsNotFound",
    message: `no usable credentials from ${what}: ${detail}`,
    retryable: false,
    outcomeUnknown: false,
  });
}

// CommonJS: Node hands us `module.exports` as `default`, whose own `default` is the class; vitest unwraps one.
function classOf<T>(moduleExports: { default: T } | T): T {
  return typeof moduleExports === "function"
    ? (moduleExports as T)
    : (moduleExports as { default: T }).default;
}

/**
 * For a KMS on this machine (an emulator): the credential chain's local sources first (environment,
 * OIDC, the CLI's and the SDK's credentials files, ALIBABA_CLOUD_CREDENTIALS_FILE), and the emulator's
 * defaults only when none of them yields a key. The instance metadata service is not asked: a loopback
 * endpoint is never a cloud service, and asking it would stall every run off the cloud.
 */
export function localChain(fallback: { accessKeyId: string; accessKeySecret: string }): CredentialSource {
  return once({
    getCredential: async () => {
      const m = await importCredentials();
      const env = process.env;

      const builders: [() => unknown, string][] = [
        [
          () => m.EnvironmentVariableCredentialsProvider.builder().build(),
          "the environment (ALIBABA_CLOUD_ACCESS_KEY_ID)",
        ],
        [() => m.OIDCRoleArnCredentialsProvider.builder().build(), "OIDC (ALIBABA_CLOUD_ROLE_ARN)"],
        [
          () => m.CLIProfileCredentialsProvider.builder().build(),
          "the aliyun CLI's config (~/.aliyun/config.json)",
        ],
        [
          () => m.ProfileCredentialsProvider.builder().build(),
          profileLabel(env.ALIBABA_CLOUD_PROFILE || "default", credentialsFilePath(env)),
        ],
      ];
      for (const [build, label] of builders) {
        let found: Partial<CredentialValue> | undefined;
        try {
          const provider = build() as unknown as {
            getCredentials(): Promise<Partial<CredentialValue>>;
          };
          found = { ...(await provider.getCredentials()), providerName: label };
        } catch {
          continue; // not configured here: the next source
        }
        if (found?.accessKeyId && found.accessKeySecret) {
          return {
            accessKeyId: found.accessKeyId,
            accessKeySecret: found.accessKeySecret,
            ...(found.securityToken ? { securityToken: found.securityToken } : {}),
            type: found.securityToken ? "sts" : "access_key",
            providerName: found.providerName ?? "the credential chain",
          };
        }
      }
      return {
        ...fallback,
        type: "access_key",
        providerName: "the emulator's default (no credentials configured)",
      };
    },
  });
}
