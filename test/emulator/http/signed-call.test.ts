// What runs is what was signed: under signature v3 the action and version come from the signed x-acs-*
// headers, which the signature must cover; a query or body Action/Version that disagrees is refused.
// Under version 1.0 the signed parameters decide, as before. RPC lives at `/` only.

import { createHash, randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../src/emulator/index.js";
import { emulator } from "./harness.js";
import { callAction, failure, OpenApiUtil, openApiClient } from "./sdk.js";

const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

function keyCount(emu: RunningEmulator): number {
  const listed = emu.service.call("ListKeys", {});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.body.TotalCount as number;
}

/** The headers @alicloud/openapi-client sends for a v3 RPC call with an empty body. */
function v3Headers(port: number, action: string): Record<string, string> {
  return {
    host: `127.0.0.1:${port}`,
    "x-acs-action": action,
    "x-acs-version": "2016-01-20",
    "x-acs-date": new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    "x-acs-signature-nonce": randomUUID(),
    "x-acs-content-sha256": EMPTY_SHA256,
  };
}

/** A v3 POST to `/` whose signature (computed by @alicloud/openapi-util) leaves `unsigned` out. */
async function v3Post(emu: RunningEmulator, action: string, unsigned?: string) {
  const headers = v3Headers(emu.port, action);
  const signed = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== unsigned));
  const request = { pathname: "/", method: "POST", query: { Format: "JSON" }, headers: signed };
  const authorization = OpenApiUtil.getAuthorization(
    request as never,
    "ACS3-HMAC-SHA256",
    EMPTY_SHA256,
    "local",
    "local",
  );
  const { host: _host, ...sent } = headers;
  const response = await fetch(`${emu.url}/?Format=JSON`, {
    method: "POST",
    headers: { ...sent, authorization },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("signature v3: the signed headers decide the call", () => {
  it("an Action in the query or body other than the signed x-acs-action is refused, and nothing runs", async () => {
    const emu = await emulator();
    const client = openApiClient({ port: emu.port }, "v3");
    for (const call of [{ query: { Action: "CreateKey" } }, { body: { Action: "CreateKey" } }]) {
      const error = await failure(callAction(client, "ListKeys", call));
      expect(error).toMatchObject({ code: "SignatureDoesNotMatch", status: 400 });
      expect(String(error.data.Message)).toContain('"Action"');
    }
    expect(keyCount(emu)).toBe(0);
    // The same action named twice is one call, and runs.
    await callAction(client, "CreateKey", { query: { Action: "CreateKey" } });
    expect(keyCount(emu)).toBe(1);
  });

  it("a Version in the query other than the signed x-acs-version is refused, not obeyed", async () => {
    const emu = await emulator();
    const client = openApiClient({ port: emu.port }, "v3");
    const error = await failure(callAction(client, "ListKeys", { query: { Version: "2099-01-01" } }));
    expect(error).toMatchObject({ code: "SignatureDoesNotMatch", status: 400 });
    expect(String(error.data.Message)).toContain('"Version"');
  });

  it.each([
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "host",
  ])("a signature that leaves out %s is 400 IncompleteSignature, and nothing runs", async (name) => {
    const emu = await emulator();
    const answer = await v3Post(emu, "CreateKey", name);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ Code: "IncompleteSignature" });
    expect(String(answer.body.Message)).toContain(name);
    expect(keyCount(emu)).toBe(0);
  });

  it("the same request signing all of them goes through (what the official SDK signs)", async () => {
    const emu = await emulator();
    expect((await v3Post(emu, "CreateKey")).status).toBe(200);
    expect(keyCount(emu)).toBe(1);
  });

  it("x-acs-action sent twice, both signed, is refused: neither value decides", async () => {
    const emu = await emulator();
    const headers = v3Headers(emu.port, "CreateKey,ListKeys");
    // The canonical form of a header sent twice is its values sorted and joined by commas.
    const authorization = OpenApiUtil.getAuthorization(
      { pathname: "/", method: "POST", query: { Format: "JSON" }, headers } as never,
      "ACS3-HMAC-SHA256",
      EMPTY_SHA256,
      "local",
      "local",
    );
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${emu.url}/?Format=JSON`, { method: "POST" }, (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      for (const [name, value] of Object.entries(headers)) if (name !== "host") req.setHeader(name, value);
      req.setHeader("x-acs-action", ["CreateKey", "ListKeys"]);
      req.setHeader("authorization", authorization);
      req.end();
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ Code: "SignatureDoesNotMatch" });
    expect(answer.body).toContain("x-acs-action");
    expect(keyCount(emu)).toBe(0);
  });
});

describe("signature version 1.0: the signed parameters decide, as before", () => {
  it("an x-acs-action header does not change the Action parameter's call", async () => {
    const emu = await emulator();
    const client = openApiClient({ port: emu.port }, "v1");
    const listed = await callAction(client, "ListKeys", { headers: { "x-acs-action": "CreateKey" } });
    expect(listed.body).toMatchObject({ TotalCount: 0 });
    expect(keyCount(emu)).toBe(0);
  });
});

describe("RPC lives at /", () => {
  /** A v1-signed CreateKey query (the signature covers parameters, not the path). */
  function signedCreateKey(): string {
    const params: Record<string, string> = {
      Action: "CreateKey",
      Version: "2016-01-20",
      Format: "JSON",
      AccessKeyId: "local",
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    const signature = OpenApiUtil.getRPCSignature(params, "POST", "local");
    return new URLSearchParams({ ...params, Signature: signature }).toString();
  }

  it.each(["/%ff%fe", "/kms", "//", "/index.html"])(
    "any other path (%s) is 404 InvalidAction.NotFound in the service's shape, and nothing runs",
    async (path) => {
      const emu = await emulator();
      const response = await fetch(`${emu.url}${path}?${signedCreateKey()}`, { method: "POST" });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        HttpStatus: 404,
        Code: "InvalidAction.NotFound",
        Message: "Specified api is not found, please check your url and method.",
        RequestId: expect.any(String),
      });
      expect(keyCount(emu)).toBe(0);
    },
  );

  it("the same signed request at / runs", async () => {
    const emu = await emulator();
    expect((await fetch(`${emu.url}/?${signedCreateKey()}`, { method: "POST" })).status).toBe(200);
    expect(keyCount(emu)).toBe(1);
  });
});
