// A parameter given twice is not what was signed: the emulator refuses the request whole, as the service
// refuses a signature that does not cover the request, instead of letting either value decide the call.

import { createHmac, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emulator } from "./harness.js";

/** RFC 3986, as signature version 1.0 encodes names and values. */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A query string signed with signature version 1.0 (HMAC-SHA1) for the default credentials. */
function signedQuery(params: Record<string, string>): string {
  const all: Record<string, string> = {
    ...params,
    Version: "2016-01-20",
    Format: "JSON",
    AccessKeyId: "local",
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
  const canonical = Object.keys(all)
    .sort()
    .map((k) => `${encode(k)}=${encode(all[k] as string)}`)
    .join("&");
  const signature = createHmac("sha1", "local&")
    .update(`POST&%2F&${encode(canonical)}`)
    .digest("base64");
  return `${canonical}&Signature=${encode(signature)}`;
}

async function post(url: string, query: string, body?: string) {
  const response = await fetch(`${url}/?${query}`, {
    method: "POST",
    ...(body === undefined ? {} : { body, headers: { "content-type": "application/x-www-form-urlencoded" } }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("a parameter given twice", () => {
  it("is refused with 400 whether repeated in the query or in the body, and changes nothing", async () => {
    const emu = await emulator();
    const created = emu.service.call("CreateKey", { Description: "original" });
    if (!created.ok) throw new Error("setup");
    const keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    const description = () => {
      const read = emu.service.call("DescribeKey", { KeyId: keyId });
      return read.ok ? (read.body.KeyMetadata as { Description: string }).Description : undefined;
    };
    const signed = () => signedQuery({ Action: "UpdateKeyDescription", KeyId: keyId, Description: "signed" });

    const twiceInQuery = await post(emu.url, `${signed()}&Description=evil`);
    expect(twiceInQuery.status).toBe(400);
    expect(twiceInQuery.body).toMatchObject({ Code: "SignatureDoesNotMatch", HttpStatus: 400 });
    expect(String(twiceInQuery.body.Message)).toContain('"Description" is given more than once');

    const inQueryAndBody = await post(emu.url, signed(), "Description=evil");
    expect(inQueryAndBody.status).toBe(400);
    expect(inQueryAndBody.body).toMatchObject({ Code: "SignatureDoesNotMatch" });
    expect(description()).toBe("original");

    // The same request, once, is signed correctly and goes through.
    expect((await post(emu.url, signed())).status).toBe(200);
    expect(description()).toBe("signed");
  });
});
