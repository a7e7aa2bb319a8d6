// The pure pieces of the adapter: endpoints, the DescribeKey mapping, the creator rule, secret scrubbing.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveEndpoint } from "../../src/kms/endpoint.js";
import { isKmsError } from "../../src/kms/errors.js";
import {
  creatorTypeOf,
  pageOf,
  parseRotationInterval,
  toKeyListing,
  toObservedKey,
} from "../../src/kms/map.js";
import { redactSecrets } from "../../src/kms/redact.js";
import { observedKey } from "../helpers/observed.js";

describe("resolveEndpoint", () => {
  it("defaults to the region's public endpoint over https", () => {
    expect(resolveEndpoint("cn-hangzhou")).toEqual({
      protocol: "https",
      host: "kms.cn-hangzhou.aliyuncs.com",
    });
  });

  it.each([
    ["http://127.0.0.1:8300", { protocol: "http", host: "127.0.0.1:8300" }],
    ["http://127.0.0.1:8300/", { protocol: "http", host: "127.0.0.1:8300" }],
    [
      "https://kms-vpc.cn-hangzhou.aliyuncs.com",
      { protocol: "https", host: "kms-vpc.cn-hangzhou.aliyuncs.com" },
    ],
    ["kms-vpc.cn-hangzhou.aliyuncs.com", { protocol: "https", host: "kms-vpc.cn-hangzhou.aliyuncs.com" }],
    ["localhost:8300", { protocol: "https", host: "localhost:8300" }],
  ])("%s", (given, expected) => {
    expect(resolveEndpoint("cn-hangzhou", given)).toEqual(expected);
  });

  it.each(["ftp://host", "http://host/path", "http://user:pw@host"])(
    "rejects %s without echoing a password",
    (given) => {
      let thrown: unknown;
      try {
        resolveEndpoint("cn-hangzhou", given);
      } catch (error) {
        thrown = error;
      }
      expect(isKmsError(thrown) && thrown.code).toBe("InvalidEndpoint");
      expect(String((thrown as Error).message)).not.toContain("pw@");
    },
  );
});

describe("endpoint passwords, whatever characters they hold", () => {
  const thrownBy = (given: string): string => {
    try {
      resolveEndpoint("cn-hangzhou", given);
    } catch (error) {
      return (error as Error).message;
    }
    return "";
  };

  it("are never echoed: http://user:pa/ss@host and friends", () => {
    for (const given of [
      "http://user:pa/ss@host",
      "http://user:pa@ss@host:8300",
      "https://us/er:p#a?ss@host",
      "user:pa/ss@host",
      "http://user:pa ss@host/x?y",
    ]) {
      const message = thrownBy(given);
      expect(message).toMatch(/^invalid KMS endpoint/);
      expect(message).not.toMatch(/pa.?ss|us\/er/);
    }
  });

  it("for every password", () => {
    // Passwords with a character URLs give a meaning to (the parser's hard case), and plain ones.
    const seen = { special: 0, plain: 0 };
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.constantFrom("http://", "https://", ""),
        (password, scheme) => {
          seen[/[/@#?: %]/.test(password) ? "special" : "plain"]++;
          const secret = `S3CRET${password}`;
          const message = thrownBy(`${scheme}user:${secret}@127.0.0.1:8300`);
          expect(message).not.toContain("S3CRET");
        },
      ),
      { numRuns: 500 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});

describe("redactSecrets with the client's own secrets", () => {
  it("scrubs them whatever characters they hold, as they are and percent-encoded", () => {
    // Secrets percent-encoding changes, and secrets it leaves as they are.
    const seen = { encoded: 0, unchanged: 0 };
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }), (secret) => {
        const rfc = encodeURIComponent(secret).replace(
          /[!'()*]/g,
          (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        );
        seen[rfc === secret ? "unchanged" : "encoded"]++;
        const text = `a ${secret} b SecurityToken=${rfc}&x=1 c ${encodeURIComponent(rfc)} d`;
        const out = redactSecrets(text, [secret]);
        expect(out).not.toContain(secret);
        expect(out).not.toContain(rfc);
      }),
      { numRuns: 500 },
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});

describe("creatorTypeOf", () => {
  it("a numeric uid is a customer's key; a service name is a service-managed key", () => {
    expect(creatorTypeOf("1234567890123456")).toBe("User");
    expect(creatorTypeOf("Oss")).toBe("Service");
    expect(creatorTypeOf("acs:ecs")).toBe("Service");
    expect(creatorTypeOf(undefined)).toBe("User");
  });
});

describe("parseRotationInterval", () => {
  it("reads the service's <integer>s within 7 to 730 days, and nothing else", () => {
    expect(parseRotationInterval("2592000s")).toBe(2_592_000);
    for (const bad of [
      "604800",
      "7d",
      "",
      "abc",
      "-5s",
      "99999999999999999999s",
      "604800.5s",
      " 604800s",
      "60s",
    ])
      expect(parseRotationInterval(bad)).toBeUndefined();
    expect(parseRotationInterval(undefined)).toBeUndefined();
  });
});

describe("toObservedKey", () => {
  const metadata = {
    KeyId: "key-1",
    Arn: "acs:kms:cn-hangzhou:1234567890123456:key/key-1",
    KeyState: "Enabled",
    KeySpec: "Aliyun_AES_256",
    KeyUsage: "ENCRYPT/DECRYPT",
    Origin: "Aliyun_KMS",
    ProtectionLevel: "SOFTWARE",
    Creator: "1234567890123456",
    CreationDate: "2026-01-01T00:00:00Z",
    DeleteDate: "",
    MaterialExpireTime: "",
    LastRotationDate: "2026-01-01T00:00:00Z",
    AutomaticRotation: "Enabled",
    RotationInterval: "2592000s",
    NextRotationDate: "2026-01-31T00:00:00Z",
    PrimaryKeyVersion: "v-1",
    DKMSInstanceId: "",
  };
  const asked = { keyId: "key-1", region: "cn-hangzhou" };

  it("maps every field the rules need, intervals in seconds, empty strings as absent", () => {
    // The builder's defaults are this metadata's: an enabled symmetric user key of the shared KMS.
    expect(toObservedKey({ KeyMetadata: metadata }, asked)).toEqual(
      observedKey({
        keyId: "key-1",
        arn: metadata.Arn,
        automaticRotation: "Enabled",
        rotationInterval: 2_592_000,
        creationDate: "2026-01-01T00:00:00Z",
        lastRotationDate: "2026-01-01T00:00:00Z",
        nextRotationDate: "2026-01-31T00:00:00Z",
        primaryKeyVersion: "v-1",
      }),
    );
  });

  it("keeps a private key store's instance id and a service creator", () => {
    const key = toObservedKey(
      { KeyMetadata: { ...metadata, DKMSInstanceId: "kst-1", Creator: "Rds" } },
      asked,
    );
    expect(key).toMatchObject({ dkmsInstanceId: "kst-1", creatorType: "Service" });
  });

  it("a key without rotation reads as Disabled with no interval", () => {
    const { RotationInterval, NextRotationDate, ...plain } = metadata;
    const key = toObservedKey({ KeyMetadata: { ...plain, AutomaticRotation: "Disabled" } }, asked);
    expect(key.automaticRotation).toBe("Disabled");
    expect(key).not.toHaveProperty("rotationInterval");
  });

  it.each([
    [
      "another KeyId",
      { KeyId: "key-2", Arn: "acs:kms:cn-hangzhou:1234567890123456:key/key-2" },
      /KeyId "key-2"/,
    ],
    ["an Arn of garbage", { Arn: "garbage" }, /Arn not the ARN/],
    ["an Arn of another key", { Arn: "acs:kms:cn-hangzhou:1234567890123456:key/key-9" }, /Arn not the ARN/],
    ["an unknown state", { KeyState: "Frozen" }, /KeyState "Frozen"/],
    ["an unknown spec", { KeySpec: "AES" }, /KeySpec/],
    ["a 7d interval", { RotationInterval: "7d" }, /RotationInterval "7d"/],
    ["an empty interval while enabled", { RotationInterval: "" }, /RotationInterval missing/],
    ["a LastRotationDate of 1", { LastRotationDate: "1" }, /LastRotationDate "1"/],
    ["a date without a zone", { LastRotationDate: "2026-01-01T00:00:00" }, /LastRotationDate/],
    ["a missing LastRotationDate", { LastRotationDate: undefined }, /LastRotationDate missing/],
    ["a numeric state", { KeyState: 1 }, /KeyState of type number/],
  ])("refuses %s as InvalidResponse naming the field", (_, change, message) => {
    const read = () => toObservedKey({ KeyMetadata: { ...metadata, ...change } }, asked);
    expect(read).toThrow(message);
    try {
      read();
    } catch (error) {
      expect((error as { code: string }).code).toBe("InvalidResponse");
    }
  });

  it("an alias is answered by whatever key it names; an ARN by the key it names", () => {
    expect(toObservedKey({ KeyMetadata: metadata }, { keyId: "alias/x", region: "cn-hangzhou" }).keyId).toBe(
      "key-1",
    );
    expect(
      toObservedKey({ KeyMetadata: metadata }, { keyId: metadata.Arn, region: "cn-hangzhou" }).keyId,
    ).toBe("key-1");
  });
});

describe("pageOf", () => {
  it("reads items and TotalCount, and a lone item that XML collapsed", () => {
    const body = { Keys: { Key: { KeyId: "k", KeyArn: "a" } }, TotalCount: 7 };
    expect(pageOf(body, "ListKeys", "Keys", "Key", toKeyListing)).toEqual({
      items: [{ keyId: "k", arn: "a" }],
      totalCount: 7,
    });
    expect(pageOf({ TotalCount: 0 }, "ListKeys", "Keys", "Key", toKeyListing)).toEqual({
      items: [],
      totalCount: 0,
    });
    expect(() => pageOf({}, "ListKeys", "Keys", "Key", toKeyListing)).toThrow(/TotalCount missing/);
  });
});

describe("redactSecrets", () => {
  it("leaves ordinary text alone", () => {
    const text = "Forbidden.KeyNotFound: The specified Key is not found. SignatureMethod=HMAC-SHA1";
    expect(redactSecrets(text)).toBe(text);
  });

  it("scrubs JSON-shaped and header-shaped credentials", () => {
    const out = redactSecrets(
      `{"accessKeySecret":"abcdefgh","securityToken":"tokentoken"} x-acs-security-token: tkn123456`,
    );
    expect(out).not.toMatch(/abcdefgh|tokentoken|tkn123456/);
  });

  it("scrubs known literal secrets wherever they appear", () => {
    expect(redactSecrets("oops mysecretvalue here", ["mysecretvalue"])).toBe("oops [redacted] here");
  });
});
