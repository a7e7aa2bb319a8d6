// STS AssumeRole (API 2015-04-01) on the emulator's own port, told apart from KMS by its Version: the
// role path of a multi-account config is tested end to end, signed requests and temporary credentials.

import type { ServiceError, ServiceOutcome } from "../service.js";
import { commonErrors } from "./common-errors.js";
import { issueCredentials } from "./sts-tokens.js";

export const STS_API_VERSION = "2015-04-01";
/** The service's bounds for DurationSeconds, and its default. */
export const MIN_SESSION_SECONDS = 900;
export const DEFAULT_SESSION_SECONDS = 3600;

export interface StsOptions {
  readonly accountSecret: string;
  /** ARNs of the roles this emulator lets callers assume. */
  readonly roles: ReadonlySet<string>;
  /** Longest credentials it issues (the role's MaxSessionDuration); tests set seconds to see renewal. */
  readonly maxSessionSeconds: number;
  readonly realNow: () => number;
}

const SESSION_NAME = /^[A-Za-z0-9_.@-]{2,64}$/;

export function knowsStsAction(action: string): boolean {
  return action === "AssumeRole";
}

/** AssumeRole for a caller already authenticated with the account's own AccessKey. */
export function assumeRole(params: Readonly<Record<string, string>>, sts: StsOptions): ServiceOutcome {
  const roleArn = params.RoleArn;
  const sessionName = params.RoleSessionName;
  if (!roleArn) return fail(commonErrors.missingParameter("RoleArn"));
  if (!sessionName) return fail(commonErrors.missingParameter("RoleSessionName"));
  if (!SESSION_NAME.test(sessionName)) return fail(invalid("RoleSessionName"));
  const duration =
    params.DurationSeconds === undefined ? DEFAULT_SESSION_SECONDS : Number(params.DurationSeconds);
  if (!Number.isInteger(duration) || duration < MIN_SESSION_SECONDS) return fail(invalid("DurationSeconds"));
  if (!sts.roles.has(roleArn)) {
    return fail({ status: 404, code: "EntityNotExist.Role", message: `The role not exists: ${roleArn}.` });
  }
  const seconds = Math.min(duration, sts.maxSessionSeconds);
  // Whole seconds, as the service's Expiration has none: the token expires when it says it does.
  const expiresAtMs = Math.floor(sts.realNow() / 1000) * 1000 + seconds * 1000;
  const issued = issueCredentials(sts.accountSecret, roleArn, expiresAtMs);
  const [, , , account, resource] = roleArn.split(":") as [string, string, string, string, string];
  return {
    ok: true,
    body: {
      AssumedRoleUser: {
        Arn: `acs:ram::${account}:assumed-role/${resource.slice("role/".length)}/${sessionName}`,
        AssumedRoleId: `${issued.accessKeyId.slice(4, 20)}:${sessionName}`,
      },
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        AccessKeySecret: issued.accessKeySecret,
        SecurityToken: issued.securityToken,
        Expiration: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
    },
  };
}

function invalid(name: string): ServiceError {
  return { status: 400, code: `InvalidParameter.${name}`, message: `The parameter ${name} is invalid.` };
}

function fail(error: ServiceError): ServiceOutcome {
  return { ok: false, error };
}
