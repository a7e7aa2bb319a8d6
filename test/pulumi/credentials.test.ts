// The Pulumi provider picks credentials as the CLI does: the standard chain first, the emulator's
// local/local for a loopback endpoint only when the chain yields nothing, and an authentication error
// names the access key id and where it came from (never the secret).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { rotationPolicyProvider as provider } from "../../src/pulumi/index.js";
import { useEmptyChain } from "../helpers/credential-env.js";
import { call, createKey, emulator, tempDir } from "../helpers/fleet.js";

let own: RunningEmulator;
let defaults: RunningEmulator;
let home: string;

beforeAll(async () => {
  own = await emulator({
    region: "cn-hangzhou",
    accessKeyId: "LTAIpulumiOwn",
    accessKeySecret: "own-s3cret",
  });
  defaults = await emulator();
});
afterAll(async () => {
  await own.close();
  await defaults.close();
});
const emptyChain = useEmptyChain();
beforeEach(() => {
  // A home of our own, with nothing in it: no file of this machine's user answers for the tests.
  home = tempDir();
  emptyChain(home);
});

const create = (emu: RunningEmulator) =>
  provider.create({
    key: "alias/orders-db",
    region: "cn-hangzhou",
    endpoint: emu.url,
    rotation: { mode: "automatic", interval: "90d" },
  });
const interval = (emu: RunningEmulator, keyId: string) =>
  call(emu, "DescribeKey", { KeyId: keyId }).KeyMetadata.RotationInterval;

describe("credentials of the Pulumi provider", () => {
  it("uses the default profile of ~/.alibabacloud/credentials for a loopback endpoint, not local/local", async () => {
    mkdirSync(join(home, ".alibabacloud"));
    writeFileSync(
      join(home, ".alibabacloud", "credentials"),
      "[default]\ntype = access_key\naccess_key_id = LTAIpulumiOwn\naccess_key_secret = own-s3cret\n",
    );
    const keyId = createKey(own, { alias: "alias/orders-db" });
    await create(own);
    expect(interval(own, keyId)).toBe("7776000s");
  });

  it("falls back to local/local when the chain yields nothing, even with a credentials file named", async () => {
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = join(home, "no-such-credentials");
    const keyId = createKey(defaults, { alias: "alias/orders-db" });
    await create(defaults);
    expect(interval(defaults, keyId)).toBe("7776000s");
  });

  it("names the access key id and its source when refused, never the secret", async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAIpulumiWrong";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "wrong-s3cret";
    const failure = await create(own).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(
      /InvalidAccessKeyId\.NotFound.*\(access key id LTAIpulumiWrong from the environment \(ALIBABA_CLOUD_ACCESS_KEY_ID\)\)/,
    );
    expect(failure).not.toContain("wrong-s3cret");
  });
});
