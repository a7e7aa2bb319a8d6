// The platform's own refusals, as each official SDK surfaces them: signatures, keys, time, replays, actions.

import { describe, expect, it } from "vitest";
import { emulator, stats } from "./harness.js";
import { callAction, failure, Kms, kmsClient, openApiClient, RuntimeOptions } from "./sdk.js";

const describeKey = (keyId: string) => new Kms.DescribeKeyRequest({ keyId });
/** `YYYY-MM-DDTHH:mm:ssZ`, as the SDKs sign. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("signature version 1.0 through @alicloud/kms20160120", () => {
  it("a wrong secret gets 400 SignatureDoesNotMatch", async () => {
    const { port } = await emulator();
    const error = await failure(kmsClient({ port, accessKeySecret: "wrong" }).describeKey(describeKey("k")));
    expect(error).toMatchObject({ code: "SignatureDoesNotMatchError", status: 400 });
    expect(error.data).toMatchObject({
      Code: "SignatureDoesNotMatch",
      HttpStatus: 400,
      HostId: expect.any(String),
    });
    expect(error.data).toHaveProperty("Recommend");
  });

  it("an unknown AccessKeyId gets 404 InvalidAccessKeyId.NotFound", async () => {
    const { port } = await emulator();
    const error = await failure(kmsClient({ port, accessKeyId: "nobody" }).describeKey(describeKey("k")));
    expect(error).toMatchObject({ code: "InvalidAccessKeyId.NotFoundError", status: 404 });
  });

  it("an unknown action gets 404 InvalidAction.NotFound", async () => {
    const { port } = await emulator();
    const client = kmsClient({ port });
    const call = client.doRequest(
      "NoSuchAction",
      "HTTP",
      "POST",
      "2016-01-20",
      "AK",
      {},
      null as never,
      new RuntimeOptions({}),
    );
    expect(await failure(call)).toMatchObject({ code: "InvalidAction.NotFoundError", status: 404 });
  });

  it("accepts configured credentials other than the default, and any STS token", async () => {
    const { port } = await emulator({ accessKeyId: "ci", accessKeySecret: "ci-secret" });
    const client = kmsClient({ port, accessKeyId: "ci", accessKeySecret: "ci-secret", securityToken: "sts" });
    const error = await failure(client.describeKey(describeKey("missing")));
    expect(error).toMatchObject({ code: "Forbidden.KeyNotFoundError", status: 404 });
    expect(await failure(kmsClient({ port }).describeKey(describeKey("k")))).toMatchObject({ status: 404 });
  });
});

describe.each(["v3", "v1"] as const)("signature %s through openapi-client callApi", (signature) => {
  it("a wrong secret gets 400 SignatureDoesNotMatch", async () => {
    const { port } = await emulator();
    const client = openApiClient({ port, accessKeySecret: "wrong" }, signature);
    const error = await failure(callAction(client, "DescribeKey", { query: { KeyId: "k" } }));
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", status: 400 });
  });

  it("an unknown AccessKeyId gets 404 InvalidAccessKeyId.NotFound", async () => {
    const { port } = await emulator();
    const client = openApiClient({ port, accessKeyId: "nobody" }, signature);
    const error = await failure(callAction(client, "DescribeKey", { query: { KeyId: "k" } }));
    expect(error).toMatchObject({ code: "InvalidAccessKeyId.NotFound", status: 404 });
  });

  it("a timestamp more than 15 minutes from the real clock gets 400 InvalidTimeStamp.Expired", async () => {
    const kms = await emulator({ clock: new Date("2020-01-01T00:00:00Z") });
    const client = openApiClient({ port: kms.port }, signature);
    const old = stamp(Date.now() - 16 * 60_000);
    const call = signature === "v3" ? { headers: { "x-acs-date": old } } : { query: { Timestamp: old } };
    const error = await failure(
      callAction(client, "DescribeKey", { ...call, query: { ...call.query, KeyId: "k" } }),
    );
    expect(error).toMatchObject({ code: "InvalidTimeStamp.Expired", status: 400 });
    const fresh = stamp(Date.now() - 10 * 60_000);
    const ok = signature === "v3" ? { headers: { "x-acs-date": fresh } } : { query: { Timestamp: fresh } };
    const accepted = await failure(
      callAction(client, "DescribeKey", { ...ok, query: { ...ok.query, KeyId: "k" } }),
    );
    expect(accepted).toMatchObject({ code: "Forbidden.KeyNotFound", status: 404 });
  });

  it("a replayed nonce gets 400 SignatureNonceUsed", async () => {
    const { port } = await emulator();
    const client = openApiClient({ port }, signature);
    const nonce = `nonce-${signature}-${Date.now()}`;
    const call =
      signature === "v3"
        ? { headers: { "x-acs-signature-nonce": nonce } }
        : { query: { SignatureNonce: nonce } };
    const request = { ...call, query: { ...call.query, KeyId: "k" } };
    expect(await failure(callAction(client, "DescribeKey", request))).toMatchObject({ status: 404 });
    const error = await failure(callAction(client, "DescribeKey", request));
    expect(error).toMatchObject({ code: "SignatureNonceUsed", status: 400 });
  });

  it("an unknown action gets 404 InvalidAction.NotFound, a wrong Version 400 InvalidVersion", async () => {
    const kms = await emulator();
    const client = openApiClient({ port: kms.port }, signature);
    const unknown = await failure(callAction(client, "NoSuchAction"));
    expect(unknown).toMatchObject({ code: "InvalidAction.NotFound", status: 404 });
    expect(unknown.data).toMatchObject({
      Message: "Specified api is not found, please check your url and method.",
    });
    const version = await failure(
      callAction(client, "DescribeKey", { version: "2014-01-01", query: { KeyId: "k" } }),
    );
    expect(version).toMatchObject({ code: "InvalidVersion", status: 400 });
    expect(version.data).toMatchObject({ Message: "Specified parameter Version is not valid." });
    expect(await stats(kms)).toEqual({ DescribeKey: 1, NoSuchAction: 1 });
  });

  it("a missing parameter gets 400 MissingParameter", async () => {
    const { port } = await emulator();
    const error = await failure(callAction(openApiClient({ port }, signature), "DescribeKey"));
    expect(error).toMatchObject({ code: "MissingParameter", status: 400 });
  });

  it("parameters may come form-encoded in the body, over GET or POST", async () => {
    const { port } = await emulator();
    const client = openApiClient({ port, securityToken: "sts-token" }, signature);
    const created = await callAction(client, "CreateKey", {
      body: { KeySpec: "EC_P256", KeyUsage: "SIGN/VERIFY" },
    });
    const keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    const read = await callAction(client, "DescribeKey", { method: "GET", query: { KeyId: keyId } });
    expect(read.body.KeyMetadata).toMatchObject({ KeyId: keyId, KeySpec: "EC_P256" });
    expect(read.headers["x-acs-request-id"]).toBe(read.body.RequestId);
    expect(read.headers["content-type"]).toMatch(/^application\/json/);
    expect(Date.parse(read.headers.date ?? "")).not.toBeNaN();
  });
});
