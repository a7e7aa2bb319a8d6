// A signed request captured on the wire and sent again within its 15 minutes is refused, also after the
// emulator restarted on the same state: the nonces it saw are kept with the state.

import { createServer, type IncomingHttpHeaders, request } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../../src/emulator/index.js";
import { tempDir } from "../core/helpers.js";
import { caller, emulator } from "./harness.js";
import { callAction, Kms, kmsClient, openApiClient } from "./sdk.js";

interface Captured {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Points an SDK at a listener that records the request it sends (and answers 503), then closes. */
async function capture(send: (port: number) => Promise<unknown>): Promise<Captured> {
  let captured: Captured | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      captured = {
        method: String(req.method),
        url: String(req.url),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      res
        .writeHead(503, { "content-type": "application/json" })
        .end('{"Code":"ServiceUnavailableTemporary"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  await send((server.address() as AddressInfo).port).catch(() => undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!captured) throw new Error("nothing was captured");
  return captured;
}

/** The captured bytes, sent to the emulator as they were (Host header included: v3 signs it). */
function replay(
  emu: RunningEmulator,
  captured: Captured,
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: emu.port,
        method: captured.method,
        path: captured.url,
        headers: captured.headers,
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(captured.body);
  });
}

const policy = (keyId: string, interval: string) => ({
  KeyId: keyId,
  EnableAutomaticRotation: "true",
  RotationInterval: interval,
});

describe("a replayed request after a restart", () => {
  it.each(["kms20160120 (v1)", "openapi-client (v3)"] as const)(
    "is refused through %s, and reverts nothing",
    async (sdk) => {
      const statePath = join(tempDir(), "state.json");
      const first = await emulator({ statePath });
      const call = caller("openapi-client (v3)", first);
      const keyId = (await call("CreateKey", {})).KeyMetadata as { KeyId: string };
      const captured = await capture((port) =>
        sdk === "kms20160120 (v1)"
          ? kmsClient({ port }).updateRotationPolicy(
              new Kms.UpdateRotationPolicyRequest({
                keyId: keyId.KeyId,
                enableAutomaticRotation: "true",
                rotationInterval: "30d",
              }),
            )
          : callAction(openApiClient({ port }, "v3"), "UpdateRotationPolicy", {
              query: policy(keyId.KeyId, "30d"),
            }),
      );
      // Sent once, as the SDK would have: it runs.
      expect((await replay(first, captured)).status).toBe(200);
      // Then the policy moves on.
      await call("UpdateRotationPolicy", policy(keyId.KeyId, "90d"));
      await first.close();

      const second = await emulator({ statePath });
      const replayed = await replay(second, captured);
      expect(replayed).toMatchObject({ status: 400, body: { Code: "SignatureNonceUsed" } });
      const described = await caller("openapi-client (v3)", second)("DescribeKey", { KeyId: keyId.KeyId });
      expect((described.KeyMetadata as { RotationInterval: string }).RotationInterval).toBe("7776000s");
    },
  );
});
