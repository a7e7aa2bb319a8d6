import { describe, expect, it } from "vitest";
import { percentEncode } from "../../../src/emulator/http/percent-encode.js";
import { signV1, stringToSignV1 } from "../../../src/emulator/http/signature-v1.js";
import {
  canonicalRequestV3,
  parseV3Authorization,
  sha256Hex,
  signV3,
  stringToSignV3,
} from "../../../src/emulator/http/signature-v3.js";
import { OpenApiUtil } from "./sdk.js";

describe("signature version 1.0", () => {
  it("reproduces the service's published test vector", () => {
    const params = {
      AccessKeyId: "testid",
      Action: "CreateKey",
      Format: "json",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      Timestamp: "2016-03-28T03:13:08Z",
      Version: "2016-01-20",
    };
    expect(signV1(stringToSignV1("GET", params), "testsecret")).toBe("41wk2SSX1GJh7fwnc5eqOfiJPFg=");
  });

  it("leaves the Signature parameter out of what is signed", () => {
    const params = { Action: "DescribeKey", KeyId: "k" };
    expect(stringToSignV1("POST", { ...params, Signature: "x" })).toBe(stringToSignV1("POST", params));
  });

  it("matches the official SDK's RPC signature, special characters included", () => {
    const params = { Action: "TagResource", Tags: '[{"TagKey":"a b*","TagValue":"(x)!\'~"}]', KeyId: "é" };
    const sdk = OpenApiUtil.getRPCSignature(params, "POST", "s3cr3t");
    expect(signV1(stringToSignV1("POST", params), "s3cr3t")).toBe(sdk);
  });

  it("percent-encodes as RFC 3986: space %20, * %2A, and !'() too", () => {
    expect(percentEncode("a b*!'()~-_.")).toBe("a%20b%2A%21%27%28%29~-_.");
  });
});

describe("signature v3 ACS3-HMAC-SHA256", () => {
  const headers: Record<string, string> = {
    host: "127.0.0.1:8300",
    "x-acs-action": "DescribeKey",
    "x-acs-version": "2016-01-20",
    "x-acs-date": "2026-01-01T00:00:00Z",
    "x-acs-signature-nonce": "abc",
    "user-agent": "test",
    accept: "application/json",
  };
  const query = { KeyId: "alias/orders db", PageSize: "10" };

  it("verifies the Authorization header @alicloud/openapi-util computes", () => {
    const body = "";
    const payload = sha256Hex(body);
    const sdkHeaders: Record<string, string> = { ...headers, "x-acs-content-sha256": payload };
    const request = { pathname: "/", method: "POST", query, headers: sdkHeaders };
    const authorization = OpenApiUtil.getAuthorization(
      request as never,
      "ACS3-HMAC-SHA256",
      payload,
      "local",
      "pw",
    );
    const auth = parseV3Authorization(authorization);
    expect(auth).toMatchObject({ algorithm: "ACS3-HMAC-SHA256", accessKeyId: "local" });
    const canonical = canonicalRequestV3(
      {
        method: "POST",
        path: "/",
        query,
        body: Buffer.from(body),
        header: (name) => (sdkHeaders[name] === undefined ? [] : [sdkHeaders[name] as string]),
      },
      auth?.signedHeaders ?? [],
    );
    expect(signV3(stringToSignV3(canonical), "pw")).toBe(auth?.signature);
    expect(signV3(stringToSignV3(canonical), "other")).not.toBe(auth?.signature);
  });

  it("normalizes every +, * and %7E of the path, not only the first of each", () => {
    const canonical = canonicalRequestV3(
      { method: "GET", path: "/a+b+c*d*e%7Ef%7Eg+", query: {}, body: Buffer.alloc(0), header: () => [] },
      [],
    );
    expect(canonical.split("\n")[1]).toBe("/a%20b%20c%2Ad%2Ae~f~g%20");
  });

  it("rejects an Authorization header with a part missing", () => {
    expect(parseV3Authorization("ACS3-HMAC-SHA256 Credential=a,Signature=b")).toBeUndefined();
  });
});
