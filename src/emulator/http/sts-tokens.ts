// Temporary credentials the emulator issues (STS AssumeRole) and accepts (KMS calls with a SecurityToken).
// Stateless: the token carries its role and expiry, sealed with the account's own AccessKeySecret, and
// the temporary secret is derived from it. So every emulator of one account (one per region, same
// credentials) accepts what any of them issued, as the real service's tokens work in every region.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const STS_ACCESS_KEY_PREFIX = "STS.";

export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  /** Epoch milliseconds, whole seconds (the service's Expiration has no fractions). */
  readonly expiresAtMs: number;
}

interface TokenClaims {
  /** The temporary AccessKeyId the token belongs to. */
  readonly a: string;
  /** The role assumed. */
  readonly r: string;
  /** Expiry, epoch milliseconds. */
  readonly e: number;
}

export function issueCredentials(
  accountSecret: string,
  roleArn: string,
  expiresAtMs: number,
): TemporaryCredentials {
  const accessKeyId = `${STS_ACCESS_KEY_PREFIX}${randomBytes(12).toString("base64url")}`;
  const claims: TokenClaims = { a: accessKeyId, r: roleArn, e: expiresAtMs };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return {
    accessKeyId,
    accessKeySecret: temporarySecret(accountSecret, accessKeyId),
    securityToken: `${payload}.${mac(accountSecret, `token:${payload}`)}`,
    expiresAtMs,
  };
}

export type TokenVerdict =
  | { readonly ok: true; readonly accessKeySecret: string; readonly roleArn: string }
  | { readonly ok: false; readonly reason: "malformed" | "mismatch" | "expired" };

/** Whether `token` was issued by this account for `accessKeyId` and is still valid at `nowMs`. */
export function verifyToken(
  accountSecret: string,
  accessKeyId: string,
  token: string,
  nowMs: number,
): TokenVerdict {
  const [payload, seal, extra] = token.split(".");
  if (!payload || !seal || extra !== undefined || !same(seal, mac(accountSecret, `token:${payload}`))) {
    return { ok: false, reason: "malformed" };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: "malformed" };
  if (claims.a !== accessKeyId) return { ok: false, reason: "mismatch" };
  if (nowMs >= claims.e) return { ok: false, reason: "expired" };
  return { ok: true, accessKeySecret: temporarySecret(accountSecret, accessKeyId), roleArn: claims.r };
}

function parseClaims(payload: string): TokenClaims | undefined {
  try {
    const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<TokenClaims>;
    if (typeof value.a === "string" && typeof value.r === "string" && typeof value.e === "number") {
      return value as TokenClaims;
    }
  } catch {
    // Not JSON: a malformed token, answered as such below.
  }
  return undefined;
}

function temporarySecret(accountSecret: string, accessKeyId: string): string {
  return mac(accountSecret, `secret:${accessKeyId}`);
}

function mac(key: string, text: string): string {
  return createHmac("sha256", key).update(text).digest("base64url");
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
