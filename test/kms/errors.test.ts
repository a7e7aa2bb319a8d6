// What each failure means: pinned here because retries, the limiter and apply all trust these verdicts.

import { describe, expect, it } from "vitest";
import {
  abortedError,
  credentialsError,
  isKmsError,
  isThrottling,
  KmsError,
  kmsErrorText,
  mayRetry,
  toKmsError,
} from "../../src/kms/errors.js";

function sdkError(code: string, status: number, extra: Record<string, unknown> = {}) {
  const data = {
    Code: code,
    Message: `message for ${code}`,
    RequestId: "req-1",
    HttpStatus: status,
    statusCode: status,
    ...extra,
  };
  return Object.assign(new Error(`${code}: code: ${status}, message request id: req-1`), {
    code,
    data,
    statusCode: status,
  });
}

function netError(code: string, message: string) {
  return Object.assign(new Error(message), { code });
}

describe("service answers", () => {
  it("a missing key keeps the service's code, status and request id and is final", () => {
    const error = toKmsError(sdkError("Forbidden.KeyNotFound", 404));
    expect(error).toBeInstanceOf(KmsError);
    expect(error).toMatchObject({
      name: "KmsError",
      code: "Forbidden.KeyNotFound",
      status: 404,
      requestId: "req-1",
    });
    expect(error).toMatchObject({ retryable: false, outcomeUnknown: false });
    expect(error.message).toContain("Forbidden.KeyNotFound");
    expect(isKmsError(error)).toBe(true);
  });

  it("a service answer's message is its text alone; kmsErrorText puts the code in front, once", () => {
    const error = toKmsError(sdkError("Forbidden.NoPermission", 403, { Message: "not allowed" }));
    expect(error.message).toBe("not allowed");
    expect(kmsErrorText(error)).toBe("Forbidden.NoPermission: not allowed");
    // Our own failures are whole sentences already: no code in front.
    const own = toKmsError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    );
    expect(kmsErrorText(own)).toBe(own.message);
  });

  it("the older SDK's `<Code>Error` spelling maps to the service's code", () => {
    const raw = Object.assign(new Error("code: 404"), {
      code: "Forbidden.AliasNotFoundError",
      data: { HttpStatus: 404, Message: "alias not found" },
    });
    expect(toKmsError(raw)).toMatchObject({ code: "Forbidden.AliasNotFound", status: 404, retryable: false });
  });

  it.each([
    ["Rejected.Throttling", 429],
    ["Throttling", 400],
    ["Throttling.User", 400],
    ["Throttling.Api", 400],
    ["Rejected.Throttling", 503],
  ])("throttling (%s, %i) is retryable and certainly did not take effect", (code, status) => {
    const error = toKmsError(sdkError(code, status));
    expect(isThrottling(error)).toBe(true);
    expect(error).toMatchObject({ retryable: true, outcomeUnknown: false });
    expect(mayRetry(error, true)).toBe(true);
  });

  it.each([
    ["InternalFailure", 500],
    ["ServiceUnavailableTemporary", 503],
    ["BadGateway", 502],
    ["GatewayTimeout", 504],
  ])(
    "a server failure (%s, %i) is retryable for reads but leaves a write's outcome unknown",
    (code, status) => {
      const error = toKmsError(sdkError(code, status));
      expect(error).toMatchObject({ retryable: true, outcomeUnknown: true, status });
      expect(mayRetry(error, false)).toBe(true);
      expect(mayRetry(error, true)).toBe(false);
    },
  );

  it.each([
    ["Rejected.UnsupportedOperation", 400],
    ["Rejected.Disabled", 409],
    ["SignatureDoesNotMatch", 400],
    ["InvalidAccessKeyId.NotFound", 404],
    ["Forbidden.NoPermission", 403],
  ])("a refusal (%s, %i) is final and did not take effect", (code, status) => {
    expect(toKmsError(sdkError(code, status))).toMatchObject({
      code,
      status,
      retryable: false,
      outcomeUnknown: false,
    });
  });
});

describe("network failures", () => {
  it.each(["ECONNREFUSED", "EAI_AGAIN"])("%s never connected: retryable, outcome known", (code) => {
    expect(toKmsError(netError(code, `connect ${code} 127.0.0.1:1`))).toMatchObject({
      code: "NetworkError",
      retryable: true,
      outcomeUnknown: false,
    });
  });

  it("a host that does not resolve is a wrong endpoint: final", () => {
    expect(toKmsError(netError("ENOTFOUND", "getaddrinfo ENOTFOUND kms.nowhere"))).toMatchObject({
      retryable: false,
      outcomeUnknown: false,
    });
  });

  it.each([
    ["ECONNRESET", "read ECONNRESET"],
    ["ECONNRESET", "socket hang up"],
    ["EPIPE", "write EPIPE"],
    ["ETIMEDOUT", "read ETIMEDOUT"],
  ])("%s (%s) after connecting may have reached the service", (code, message) => {
    expect(toKmsError(netError(code, message))).toMatchObject({ retryable: true, outcomeUnknown: true });
  });

  it("the SDK's read timeout is a retryable Timeout with an unknown outcome", () => {
    const raw = Object.assign(new Error("ReadTimeout(10000). POST http://h/?x=1 failed."), {
      name: "RequestTimeoutError",
    });
    expect(toKmsError(raw)).toMatchObject({
      code: "Timeout",
      retryable: true,
      outcomeUnknown: true,
      message: "KMS did not answer within the 10 s timeout (http://h)",
    });
  });

  it("an unreadable body is retryable for reads, unknown for writes", () => {
    expect(toKmsError(new SyntaxError("Unexpected end of JSON input"))).toMatchObject({
      code: "InvalidResponse",
      retryable: true,
      outcomeUnknown: true,
    });
  });

  it("anything else is final but says a write may have happened", () => {
    expect(toKmsError(new Error("something odd"))).toMatchObject({
      code: "UnexpectedError",
      retryable: false,
      outcomeUnknown: true,
    });
  });
});

describe("no secret leaves in a message", () => {
  const secret = "S3cr3tAccessKeySecretValue";
  const token = "CAISstsTokenValue+/=abc";
  const keyId = "LTAI5tAccessKeyIdValue";

  it("signed URLs, headers and the string-to-sign are scrubbed, and so are the client's known secrets", () => {
    const url = `http://kms.cn-hangzhou.aliyuncs.com/?AccessKeyId=${keyId}&Signature=abc%2Bdef%3D&SecurityToken=${encodeURIComponent(token)}&Action=DescribeKey`;
    const raw = Object.assign(
      new Error(
        `read ECONNRESET POST ${url} failed. Authorization: ACS3-HMAC-SHA256 Credential=${keyId},SignedHeaders=host,Signature=deadbeef`,
      ),
      {
        code: "ECONNRESET",
        headers: { "x-acs-security-token": token },
      },
    );
    const error = toKmsError(raw, (text) => text.split(secret).join("[redacted]"));
    for (const text of [
      error.message,
      String(error.stack),
      String((error.cause as Error).message),
      String((error.cause as Error).stack),
    ]) {
      expect(text).not.toContain(keyId);
      expect(text).not.toContain("abc%2Bdef");
      expect(text).not.toContain(token);
      expect(text).not.toContain(encodeURIComponent(token));
      expect(text).not.toContain("deadbeef");
    }
    expect(error.message).toContain("ECONNRESET");
  });

  it("the service's SignatureDoesNotMatch string-to-sign is scrubbed", () => {
    const message = `Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3D${keyId}%26Action%3DDescribeKey%26SecurityToken%3D${token}%26Timestamp`;
    const error = toKmsError(sdkError("SignatureDoesNotMatch", 400, { Message: message }));
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.message).toMatch(/^Specified signature is not matched/);
    expect(error.message).not.toContain(keyId);
    expect(error.message).not.toContain(token);
  });

  it("a credentials failure names what to set and carries no secret", () => {
    const error = credentialsError(new Error(`refresh failed for ${secret}`), (t) =>
      t.split(secret).join("[redacted]"),
    );
    expect(error).toMatchObject({ code: "CredentialsNotFound", retryable: false, outcomeUnknown: false });
    expect(error.message).toContain("ALIBABA_CLOUD_ACCESS_KEY_ID");
    expect(error.message).not.toContain(secret);
  });
});

describe("aborts", () => {
  it("an abort is final; it is unknown only for a write in flight", () => {
    expect(abortedError(false)).toMatchObject({ code: "Aborted", retryable: false, outcomeUnknown: false });
    expect(abortedError(true)).toMatchObject({ code: "Aborted", outcomeUnknown: true });
  });

  it("KmsErrors pass through unchanged", () => {
    const error = abortedError(false);
    expect(toKmsError(error)).toBe(error);
  });
});
