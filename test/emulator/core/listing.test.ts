import { describe, expect, test } from "vitest";
import { createKey, createSigningKey, expectError, fail, freezeRealTime, ok, open } from "./helpers.js";

freezeRealTime();

describe("aliases", () => {
  test("CreateAlias, ListAliases and ListAliasesByKeyId in the service's shape", () => {
    const service = open();
    const keyId = createKey(service);
    ok(service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/orders" }));
    const expected = {
      KeyId: keyId,
      AliasName: "alias/orders",
      AliasArn: "acs:kms:cn-hangzhou:1234567890123456:alias/orders",
    };
    expect(ok(service.call("ListAliases", {}))).toEqual({
      Aliases: { Alias: [expected] },
      TotalCount: 1,
      PageNumber: 1,
      PageSize: 10,
    });
    expect(ok(service.call("ListAliasesByKeyId", { KeyId: "alias/orders" })).Aliases.Alias).toEqual([
      expected,
    ]);
  });

  test("a duplicate alias is 400 AliasAlreadyExists", () => {
    const service = open();
    ok(service.call("CreateAlias", { KeyId: createKey(service), AliasName: "alias/a" }));
    expectError(
      service.call("CreateAlias", { KeyId: createKey(service), AliasName: "alias/a" }),
      400,
      "AliasAlreadyExists",
    );
  });

  test.each(["orders", "alias/", "alias/with space", `alias/${"x".repeat(256)}`])(
    "alias name %s is InvalidParameter",
    (name) => {
      const service = open();
      expectError(
        service.call("CreateAlias", { KeyId: createKey(service), AliasName: name }),
        400,
        "InvalidParameter",
      );
    },
  );

  test("alias/acs/ names are reserved for service-managed keys", () => {
    const service = open();
    const outcome = service.call("CreateAlias", { KeyId: createKey(service), AliasName: "alias/acs/mine" });
    expectError(outcome, 400, "Rejected.UnsupportedOperation");
  });

  test("UpdateAlias points an alias at another key; DeleteAlias removes it", () => {
    const service = open();
    const first = createKey(service);
    const second = createKey(service);
    ok(service.call("CreateAlias", { KeyId: first, AliasName: "alias/a" }));
    ok(service.call("UpdateAlias", { KeyId: second, AliasName: "alias/a" }));
    expect(ok(service.call("DescribeKey", { KeyId: "alias/a" })).KeyMetadata.KeyId).toBe(second);
    ok(service.call("DeleteAlias", { AliasName: "alias/a" }));
    expectError(service.call("DescribeKey", { KeyId: "alias/a" }), 404, "Forbidden.AliasNotFound");
    expectError(service.call("DeleteAlias", { AliasName: "alias/a" }), 404, "Forbidden.AliasNotFound");
    expectError(
      service.call("UpdateAlias", { KeyId: first, AliasName: "alias/a" }),
      404,
      "Forbidden.AliasNotFound",
    );
  });
});

describe("tags", () => {
  test("TagResource adds tags, UntagResource removes them, ListResourceTags lists them", () => {
    const service = open();
    const keyId = createKey(service);
    const tags = JSON.stringify([
      { TagKey: "team", TagValue: "payments" },
      { TagKey: "env", TagValue: "prod" },
    ]);
    ok(service.call("TagResource", { KeyId: keyId, Tags: tags }));
    ok(service.call("UntagResource", { KeyId: keyId, TagKeys: '["env"]' }));
    expect(ok(service.call("ListResourceTags", { KeyId: keyId }))).toEqual({
      Tags: { Tag: [{ KeyId: keyId, TagKey: "team", TagValue: "payments" }] },
    });
  });

  test("more than 10 tags in one call, or a malformed Tags value, is InvalidParameter", () => {
    const service = open();
    const keyId = createKey(service);
    const eleven = JSON.stringify(Array.from({ length: 11 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "v" })));
    expectError(service.call("TagResource", { KeyId: keyId, Tags: eleven }), 400, "InvalidParameter");
    expectError(service.call("TagResource", { KeyId: keyId, Tags: "{not json" }), 400, "InvalidParameter");
    expectError(service.call("TagResource", { KeyId: keyId }), 400, "MissingParameter");
    expectError(service.call("UntagResource", { KeyId: keyId, TagKeys: "[1]" }), 400, "InvalidParameter");
  });
});

describe("ListKeys", () => {
  test("pages with PageNumber and PageSize (default 10) and reports TotalCount", () => {
    const service = open();
    const ids = Array.from({ length: 25 }, () => createKey(service));
    const first = ok(service.call("ListKeys", {}));
    expect(first).toMatchObject({ TotalCount: 25, PageNumber: 1, PageSize: 10 });
    expect(first.Keys.Key[0]).toEqual({
      KeyId: ids[0],
      KeyArn: `acs:kms:cn-hangzhou:1234567890123456:key/${ids[0]}`,
    });
    const third = ok(service.call("ListKeys", { PageNumber: "3", PageSize: "10" }));
    expect(third.Keys.Key.map((k: { KeyId: string }) => k.KeyId)).toEqual(ids.slice(20));
    expect(ok(service.call("ListKeys", { PageNumber: "9" })).Keys.Key).toEqual([]);
  });

  test.each(["0", "101", "x"])("PageSize %s is InvalidParameter", (size) => {
    expectError(open().call("ListKeys", { PageSize: size }), 400, "InvalidParameter");
  });

  test("filters: keys ANDed, values ORed, over state, spec, creator type, alias and tags", () => {
    const service = open();
    const aes = createKey(service);
    const rsa = createSigningKey(service);
    const sm4 = createKey(service, { KeySpec: "Aliyun_SM4" });
    ok(service.call("DisableKey", { KeyId: sm4 }));
    ok(service.call("CreateAlias", { KeyId: rsa, AliasName: "alias/signer" }));
    ok(service.call("TagResource", { KeyId: aes, Tags: '[{"TagKey":"team","TagValue":"pay"}]' }));
    const list = (filters: unknown) =>
      ok(service.call("ListKeys", { Filters: JSON.stringify(filters), PageSize: "100" })).Keys.Key.map(
        (k: { KeyId: string }) => k.KeyId,
      );
    expect(list([{ Key: "KeySpec", Values: ["Aliyun_AES_256", "Aliyun_SM4"] }])).toEqual([aes, sm4]);
    expect(
      list([
        { Key: "KeySpec", Values: ["Aliyun_AES_256", "Aliyun_SM4"] },
        { Key: "KeyState", Values: ["Disabled"] },
      ]),
    ).toEqual([sm4]);
    expect(list([{ Key: "CreatorType", Values: ["User"] }])).toEqual([aes, rsa, sm4]);
    expect(list([{ Key: "CreatorType", Values: ["Service"] }])).toEqual([]);
    expect(list([{ Key: "AliasName", Values: ["alias/signer"] }])).toEqual([rsa]);
    expect(list([{ Key: "TagKey", Values: ["team"] }])).toEqual([aes]);
    expect(list([{ Key: "TagValue", Values: ["pay"] }])).toEqual([aes]);
    expect(list([{ Key: "KeyUsage", Values: ["SIGN/VERIFY"] }])).toEqual([rsa]);
    expect(list([{ Key: "Creator", Values: ["1234567890123456"] }])).toHaveLength(3);
  });

  test("a malformed or unknown filter is InvalidParameter", () => {
    const service = open();
    for (const filters of ["nope", '{"Key":"KeyState"}', '[{"Key":"Color","Values":["red"]}]']) {
      expect(fail(service.call("ListKeys", { Filters: filters })).code).toBe("InvalidParameter");
    }
  });
});

describe("resource quotas", () => {
  test("the key quota refuses CreateKey with Rejected.LimitExceeded", () => {
    const service = open({ quota: { keys: 2 } });
    createKey(service);
    createKey(service);
    expectError(service.call("CreateKey", {}), 400, "Rejected.LimitExceeded");
  });

  test("the alias quota refuses CreateAlias with Rejected.LimitExceeded", () => {
    const service = open({ quota: { aliases: 1 } });
    const keyId = createKey(service);
    ok(service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/a" }));
    expectError(
      service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/b" }),
      400,
      "Rejected.LimitExceeded",
    );
  });

  test("the versions quota counts versions in all and refuses CreateKeyVersion and CreateKey", () => {
    const service = open({ quota: { versions: 2 } });
    const keyId = createSigningKey(service);
    service.advanceClock(7 * 86_400);
    ok(service.call("CreateKeyVersion", { KeyId: keyId }));
    service.advanceClock(7 * 86_400);
    expectError(service.call("CreateKeyVersion", { KeyId: keyId }), 400, "Rejected.LimitExceeded");
    expectError(service.call("CreateKey", {}), 400, "Rejected.LimitExceeded");
  });

  test("without a quota there is no limit", () => {
    const service = open();
    for (let i = 0; i < 300; i++) createKey(service);
    expect(ok(service.call("ListKeys", {})).TotalCount).toBe(300);
  });
});
