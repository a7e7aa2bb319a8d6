// Who is calling, and is the request really theirs: both signature versions, the clock skew, replays.
// Checked against the real clock: requests are signed with real time, whatever the simulated clock says.

import { timingSafeEqual } from "node:crypto";
import type { ServiceError } from "../service.js";
import { commonErrors } from "./common-errors.js";
import type { NonceCache } from "./nonce-cache.js";
import { firstHeader, type RpcRequest } from "./rpc-request.js";
import { signV1, stringToSignV1 } from "./signature-v1.js";
import {
  canonicalRequestV3,
  parseV3Authorization,
  signV3,
  stringToSignV3,
  V3_ALGORITHM,
} from "./signature-v3.js";
import { STS_ACCESS_KEY_PREFIX, verifyToken } from "./sts-tokens.js";

export const SKEW_MS = 15 * 60 * 1000;

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

export interface AuthContext {
  readonly credentials: Credentials;
  readonly nonces: NonceCache;
  readonly realNow: () => number;
  /** Roles (ARNs) whose temporary credentials this emulator accepts; none means it accepts none. */
  readonly roles?: ReadonlySet<string>;
  /** Told who signed each authentic request, for the stats. */
  readonly onCaller?: (kind: CallerKind) => void;
}

/** Who signed a request: the account's own AccessKey, or temporary credentials of an assumed role. */
export type CallerKind = "access-key" | "sts";

interface Claim {
  readonly accessKeyId: string;
  readonly timestamp: string;
  readonly nonce: string;
  /** The string the caller must have signed, and whether its signature matches it. */
  readonly verify: (secret: string) => { readonly ok: boolean; readonly stringToSign: string };
}

/**
 * Undefined when the request is authentic; otherwise the error the service answers. `tokens: false`
 * (STS AssumeRole itself) accepts only the account's own AccessKey.
 */
export function authenticate(
  request: RpcRequest,
  context: AuthContext,
  options: { readonly tokens: boolean } = { tokens: true },
): ServiceError | undefined {
  const authorization = firstHeader(request, "authorization");
  const claim = authorization && isSignatureV3(request) ? claimV3(request, authorization) : claimV1(request);
  if ("code" in claim) return claim;
  const signer = signerOf(request, claim.accessKeyId, context, options.tokens);
  if ("code" in signer) return signer;
  const verdict = claim.verify(signer.secret);
  if (!verdict.ok) return commonErrors.signatureMismatch(verdict.stringToSign);
  const stale = checkFreshness(claim, context);
  if (!stale) context.onCaller?.(signer.kind);
  return stale;
}

/** Signature v3 (an `ACS3-` Authorization header); otherwise the request claims signature version 1.0. */
export function isSignatureV3(request: RpcRequest): boolean {
  return firstHeader(request, "authorization")?.startsWith("ACS3-") === true;
}

/**
 * Headers a v3 signature must cover: what @alicloud/openapi-client 0.4.x always signs (it signs every
 * x-acs-* header, host and content-type). The action and version are read from these headers, so a
 * signature that leaves them out would let anyone on the path change what the call does.
 */
export const V3_SIGNED_HEADERS = [
  "host",
  "x-acs-action",
  "x-acs-content-sha256",
  "x-acs-date",
  "x-acs-signature-nonce",
  "x-acs-version",
] as const;

/** The secret the request must be signed with: the account's, or the one derived from a valid token. */
function signerOf(
  request: RpcRequest,
  accessKeyId: string,
  context: AuthContext,
  tokens: boolean,
): { readonly secret: string; readonly kind: CallerKind } | ServiceError {
  const own = context.credentials;
  if (accessKeyId === own.accessKeyId) return { secret: own.accessKeySecret, kind: "access-key" };
  if (!tokens || !context.roles?.size || !accessKeyId.startsWith(STS_ACCESS_KEY_PREFIX)) {
    return commonErrors.unknownAccessKey();
  }
  const token = request.params.SecurityToken ?? firstHeader(request, "x-acs-security-token");
  if (!token) return commonErrors.securityToken("missing");
  const verdict = verifyToken(own.accessKeySecret, accessKeyId, token, context.realNow());
  if (!verdict.ok) return commonErrors.securityToken(verdict.reason);
  // A token of a role this emulator no longer plays is as good as a forged one.
  if (!context.roles.has(verdict.roleArn)) return commonErrors.securityToken("malformed");
  return { secret: verdict.accessKeySecret, kind: "sts" };
}

function checkFreshness(claim: Claim, context: AuthContext): ServiceError | undefined {
  const signedAt = parseTimestamp(claim.timestamp);
  if (signedAt === undefined) return commonErrors.invalidTimestamp();
  const now = context.realNow();
  if (Math.abs(now - signedAt) > SKEW_MS) return commonErrors.expiredTimestamp();
  if (!context.nonces.remember(claim.nonce, now, signedAt)) return commonErrors.nonceUsed();
  return undefined;
}

function claimV1(request: RpcRequest): Claim | ServiceError {
  const p = request.params;
  if (!p.Signature) return commonErrors.incompleteSignature("The Signature parameter is missing.");
  if (!p.AccessKeyId) return commonErrors.missingParameter("AccessKeyId");
  if (p.SignatureMethod !== "HMAC-SHA1") return commonErrors.invalidParameter("SignatureMethod");
  if (p.SignatureVersion !== "1.0") return commonErrors.invalidParameter("SignatureVersion");
  if (!p.Timestamp) return commonErrors.missingTimestamp();
  if (!p.SignatureNonce) return commonErrors.missingParameter("SignatureNonce");
  const signature = p.Signature;
  return {
    accessKeyId: p.AccessKeyId,
    timestamp: p.Timestamp,
    nonce: p.SignatureNonce,
    verify: (secret) => {
      const stringToSign = stringToSignV1(request.method, p);
      return { ok: sameText(signV1(stringToSign, secret), signature), stringToSign };
    },
  };
}

function claimV3(request: RpcRequest, authorization: string): Claim | ServiceError {
  const auth = parseV3Authorization(authorization);
  if (!auth) return commonErrors.incompleteSignature("The Authorization header is malformed.");
  if (auth.algorithm !== V3_ALGORITHM) {
    return commonErrors.incompleteSignature(`The signature algorithm "${auth.algorithm}" is not supported.`);
  }
  for (const name of V3_SIGNED_HEADERS) {
    if (!auth.signedHeaders.includes(name)) {
      return commonErrors.incompleteSignature(`The header ${name} must be signed.`);
    }
  }
  const timestamp = firstHeader(request, "x-acs-date");
  if (!timestamp) return commonErrors.missingTimestamp("x-acs-date");
  const nonce = firstHeader(request, "x-acs-signature-nonce");
  if (!nonce) return commonErrors.missingParameter("x-acs-signature-nonce");
  return {
    accessKeyId: auth.accessKeyId,
    timestamp,
    nonce,
    verify: (secret) => {
      const stringToSign = stringToSignV3(canonicalRequestV3(request, auth.signedHeaders));
      return { ok: sameText(signV3(stringToSign, secret), auth.signature), stringToSign };
    },
  };
}

/** `YYYY-MM-DDTHH:mm:ssZ` (fractions and offsets tolerated) to epoch ms. */
function parseTimestamp(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
