// Each call's cacheMs bounds the age of the answer it gets (section 12): a cache filled by a long-lived
// caller never serves a caller who asked for a fresher read.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKms } from "../../src/kms/client.js";
import type { Kms } from "../../src/kms/types.js";
import { ACTIVE_VERSION_TAG } from "../../src/model/index.js";
import { activeSigningKey } from "../../src/signing/index.js";
import { createKey, emulator } from "../helpers/fleet.js";

let emu: RunningEmulator;
let kms: Kms;
beforeAll(async () => {
  emu = await emulator();
  kms = createKms({
    region: "cn-hangzhou",
    endpoint: emu.url,
    credentials: { accessKeyId: "local", accessKeySecret: "local" },
    quota: { read: 5000, write: 5000, create: 5000 },
  });
});
afterAll(async () => {
  await emu.close();
});

describe("activeSigningKey's cache", () => {
  it("serves no answer older than this call's cacheMs", async () => {
    const keyId = createKey(emu, { spec: "EC_P256", alias: "alias/cache-signer" });
    const first = "v-first";
    const point = (version: string) => kms.tagResource(keyId, [{ key: ACTIVE_VERSION_TAG, value: version }]);
    await point(first);
    const options = { key: "alias/cache-signer", region: "cn-hangzhou", endpoint: emu.url, kms };
    expect((await activeSigningKey({ ...options, cacheMs: 60_000 })).keyVersionId).toBe(first);

    await point("v-moved");
    // A long cache still serves the answer it holds...
    expect((await activeSigningKey({ ...options, cacheMs: 60_000 })).keyVersionId).toBe(first);
    // ...but a caller asking for a fresh read gets one.
    expect((await activeSigningKey({ ...options, cacheMs: 0 })).keyVersionId).toBe("v-moved");
    await point("v-moved-again");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await activeSigningKey({ ...options, cacheMs: 1 })).keyVersionId).toBe("v-moved-again");
  });
});
