// The service's rules reach the SDK with the service's codes; XML answers; paging; aliases in place of ids.

import { describe, expect, it } from "vitest";
import { control, emulator } from "./harness.js";
import {
  callAction,
  failure,
  Kms,
  kmsClient,
  type OpenApiClient,
  OpenApiRequest,
  openApiClient,
  Params,
  RuntimeOptions,
} from "./sdk.js";

async function asymmetricKey(port: number): Promise<string> {
  const created = await kmsClient({ port }).createKey(
    new Kms.CreateKeyRequest({ keySpec: "RSA_2048", keyUsage: "SIGN/VERIFY" }),
  );
  return created.keyMetadata?.keyId as string;
}

describe("the service's rules through the typed SDK", () => {
  it("a second version within 7 days is Rejected.UnsupportedOperation; after 7 days it is made", async () => {
    const kms = await emulator();
    const keyId = await asymmetricKey(kms.port);
    const client = kmsClient({ port: kms.port });
    const early = await failure(client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId })));
    expect(early).toMatchObject({ code: "Rejected.UnsupportedOperationError", status: 400 });
    await control(kms, "clock", { advance: "7d" });
    const made = await client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId }));
    expect(made.keyVersion?.keyId).toBe(keyId);
  });

  it("the 51st version is Rejected.LimitExceeded", async () => {
    const kms = await emulator();
    const keyId = await asymmetricKey(kms.port);
    const client = kmsClient({ port: kms.port });
    for (let i = 0; i < 49; i++) {
      await control(kms, "clock", { advance: "8d" });
      await client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId }));
    }
    const versions = await client.listKeyVersions(new Kms.ListKeyVersionsRequest({ keyId, pageSize: 100 }));
    expect(versions.totalCount).toBe(50);
    await control(kms, "clock", { advance: "8d" });
    const capped = await failure(client.createKeyVersion(new Kms.CreateKeyVersionRequest({ keyId })));
    expect(capped).toMatchObject({ code: "Rejected.LimitExceededError", status: 400 });
  });

  it("an interval outside 7d..730d is InvalidParameter; an unknown alias Forbidden.AliasNotFound", async () => {
    const { port } = await emulator();
    const client = kmsClient({ port });
    const key = await client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
    const keyId = key.keyMetadata?.keyId as string;
    await client.createAlias(new Kms.CreateAliasRequest({ keyId, aliasName: "alias/app" }));
    const policy = (rotationInterval: string, id = "alias/app") =>
      client.updateRotationPolicy(
        new Kms.UpdateRotationPolicyRequest({ keyId: id, enableAutomaticRotation: true, rotationInterval }),
      );
    expect(await failure(policy("6d"))).toMatchObject({ code: "InvalidParameterError", status: 400 });
    expect(await failure(policy("90d", "alias/nope"))).toMatchObject({
      code: "Forbidden.AliasNotFoundError",
      status: 404,
    });
    await policy("720h");
    const read = await client.describeKey(new Kms.DescribeKeyRequest({ keyId: "alias/app" }));
    expect(read.keyMetadata).toMatchObject({
      keyId,
      automaticRotation: "Enabled",
      rotationInterval: "2592000s",
    });
  });
});

describe("paging", () => {
  it("ListKeys pages through every key exactly once", async () => {
    const { port } = await emulator();
    const client = kmsClient({ port });
    const made = new Set<string>();
    for (let i = 0; i < 7; i++) {
      const key = await client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
      made.add(key.keyMetadata?.keyId as string);
    }
    const seen: string[] = [];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
      const page = await client.listKeys(new Kms.ListKeysRequest({ pageNumber, pageSize: 3 }));
      expect(page).toMatchObject({ totalCount: 7, pageNumber, pageSize: 3 });
      seen.push(...(page.keys?.key ?? []).map((k: { keyId?: string }) => k.keyId as string));
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen)).toEqual(made);
  });
});

describe("XML", () => {
  const xml = (client: OpenApiClient, action: string, query: Record<string, string>) =>
    client.callApi(
      new Params({
        action,
        version: "2016-01-20",
        protocol: "HTTP",
        pathname: "/",
        method: "POST",
        authType: "AK",
        style: "RPC",
        reqBodyType: "formData",
        bodyType: "string",
      }),
      new OpenApiRequest({ query: { Format: "XML", ...query } }),
      new RuntimeOptions({}),
    );

  it.each(["v3", "v1"] as const)(
    "Format=XML answers XML over signature %s, errors included",
    async (signature) => {
      const { port } = await emulator();
      const client = openApiClient({ port }, signature);
      await callAction(client, "CreateKey", { query: { KeySpec: "Aliyun_AES_256" } });
      const listed = await xml(client, "ListKeys", {});
      expect(listed.headers["content-type"]).toBe("text/xml;charset=utf-8");
      expect(listed.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<ListKeysResponse>/);
      expect(listed.body).toMatch(
        /<Keys><Key><KeyId>[^<]+<\/KeyId><KeyArn>acs:kms:cn-hangzhou:[^<]+<\/KeyArn><\/Key><\/Keys>/,
      );
      expect(listed.body).toContain("<TotalCount>1</TotalCount>");
      const missing = await failure(xml(client, "DescribeKey", { KeyId: "nope" }));
      // The v3 client reads a `text/xml` error body; the older RPC path only ever parses errors as JSON.
      if (signature === "v3") expect(missing).toMatchObject({ code: "Forbidden.KeyNotFound", status: 404 });
    },
  );
});
