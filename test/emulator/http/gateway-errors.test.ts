// The gateway's own answers, word for word as the service gives them: a wrong Version, a missing
// Timestamp, an unknown action. A missing Timestamp is something no official SDK sends, so that request
// is made by hand; the others go through the SDKs (protocol-errors.test.ts covers them per signature).

import { describe, expect, it } from "vitest";
import { emulator } from "./harness.js";
import { callAction, failure, openApiClient } from "./sdk.js";

async function raw(url: string, init: RequestInit) {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("gateway errors", () => {
  it("a signature v1 request without Timestamp is 400 IllegalTimestamp", async () => {
    const { url } = await emulator();
    const query = new URLSearchParams({
      Action: "DescribeKey",
      Version: "2016-01-20",
      Format: "JSON",
      AccessKeyId: "local",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: "n-1",
      Signature: "unchecked",
      KeyId: "k",
    });
    const answer = await raw(`${url}/?${query}`, { method: "POST" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      HttpStatus: 400,
      Code: "IllegalTimestamp",
      Message:
        'The input parameter "Timestamp" that is mandatory for processing this request is not supplied.',
    });
  });

  it("a signature v3 request without x-acs-date is 400 IllegalTimestamp", async () => {
    const { url } = await emulator();
    const answer = await raw(`${url}/?KeyId=k&Format=JSON`, {
      method: "POST",
      headers: {
        "x-acs-action": "DescribeKey",
        "x-acs-version": "2016-01-20",
        "x-acs-signature-nonce": "n-2",
        authorization:
          "ACS3-HMAC-SHA256 Credential=local,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=00",
      },
    });
    expect(answer).toMatchObject({ status: 400, body: { Code: "IllegalTimestamp" } });
  });

  it.each(["v3", "v1"] as const)(
    "a wrong Version is 400 InvalidVersion through openapi-client %s",
    async (sig) => {
      const { port } = await emulator();
      const call = callAction(openApiClient({ port }, sig), "DescribeKey", {
        version: "2099-01-01",
        query: { KeyId: "k" },
      });
      const error = await failure(call);
      expect(error).toMatchObject({ code: "InvalidVersion", status: 400 });
      expect(error.data).toMatchObject({ Message: "Specified parameter Version is not valid." });
    },
  );

  it("an unknown action is 404 InvalidAction.NotFound with the service's message", async () => {
    const { port } = await emulator();
    const error = await failure(callAction(openApiClient({ port }, "v3"), "RotateEverything"));
    expect(error).toMatchObject({ code: "InvalidAction.NotFound", status: 404 });
    expect(error.data).toMatchObject({
      Message: "Specified api is not found, please check your url and method.",
    });
  });
});
