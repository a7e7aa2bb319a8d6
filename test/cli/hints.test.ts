// Hints a careful user expects: a key named like an alias without `alias/`, a mistyped region, and
// credentials for an emulator taken from the standard chain before the emulator's defaults, named
// (access key id and source, never the secret) when they are refused.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { useEmptyChain } from "../helpers/credential-env.js";
import { tempDir } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

let dir: string;

const emptyChain = useEmptyChain();
// No credentials file of this machine's user may answer for the tests.
const clearChain = () => emptyChain(dir, { noCredentialsFile: true });

async function run(args: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(() => {
  dir = tempDir();
});

describe("config hints", () => {
  // The files state a policy their `off` keys meet, so audit's baseline has nothing to warn of here.
  const file = (name: string, body: string) => {
    writeFileSync(
      join(dir, name),
      `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${body}policy:\n  requireRotation: false\n`,
    );
    return name;
  };

  it("a key that is neither an id, an ARN nor alias/...: did you mean alias/<name>? (valid, exit 0)", async () => {
    const name = file("bare.yaml", "  - key: orders-db\n    rotation: { mode: off }\n");
    expect(await run(["validate", name])).toEqual({
      code: 0,
      out: "ok: 1 key in 1 region\n",
      err: "bare.yaml:6:10: warning: orders-db is not a key id KMS issues (a UUID or key-...); did you mean alias/orders-db?\n",
    });
    const ids = file(
      "ids.yaml",
      "  - key: 0b30658a-ed1a-4922-b8f7-a673ca9c1234\n    rotation: { mode: off }\n  - key: key-hzz62f1cb66fa42qo0001\n    rotation: { mode: off }\n",
    );
    expect((await run(["validate", ids])).err).toBe("");
  });

  it("a region KMS does not list is a warning with the nearest one; a new region still validates", async () => {
    const typo = file("typo.yaml", "  - key: alias/a\n    region: cn-hangzou\n    rotation: { mode: off }\n");
    const r = await run(["validate", typo]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "typo.yaml:6:10: warning: region cn-hangzou is not one KMS is known to offer; did you mean cn-hangzhou?\n",
    );
    const fresh = file(
      "new.yaml",
      "  - key: alias/a\n    region: xx-newregion-9\n    rotation: { mode: off }\n",
    );
    const n = await run(["validate", fresh]);
    expect(n.code).toBe(0);
    expect(n.err).toBe("new.yaml:6:10: warning: region xx-newregion-9 is not one KMS is known to offer\n");
  });

  it("plan shows the same hints before it talks to KMS", async () => {
    const name = file("bare-plan.yaml", "  - key: orders-db\n    rotation: { mode: off }\n");
    const emu = await startEmulator({ region: "cn-hangzhou", port: 0 });
    const r = await run(["plan", name, "--endpoint", emu.url]).finally(() => emu.close());
    expect(r.err.split("\n")[0]).toBe(
      "bare-plan.yaml:6:10: warning: orders-db is not a key id KMS issues (a UUID or key-...); did you mean alias/orders-db?",
    );
  });
});

describe("credentials for an emulator", () => {
  let defaults: RunningEmulator;
  let own: RunningEmulator;
  let config: string;

  beforeAll(async () => {
    defaults = await startEmulator({ region: "cn-hangzhou", port: 0 });
    own = await startEmulator({
      region: "cn-hangzhou",
      port: 0,
      accessKeyId: "LTAIhintsTest",
      accessKeySecret: "own-secret-1",
    });
    config = "creds.yaml";
    writeFileSync(
      join(dir, config),
      "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n",
    );
  });
  afterAll(async () => {
    await defaults.close();
    await own.close();
  });

  const plan = (emu: RunningEmulator) => run(["plan", config, "--endpoint", emu.url]);

  it("with nothing in the chain, a loopback endpoint gets the emulator's local/local", async () => {
    clearChain();
    const r = await plan(defaults);
    expect(r.err).not.toMatch(/access key/);
    expect(r.out).toContain("AliasNotFound");
  });

  it("a credentials file in the chain is used, not local/local", async () => {
    clearChain();
    const file = join(dir, "credentials");
    writeFileSync(
      file,
      "[default]\ntype = access_key\naccess_key_id = LTAIhintsTest\naccess_key_secret = own-secret-1\n",
    );
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    expect((await plan(own)).out).toContain("AliasNotFound");
    const refused = await plan(defaults);
    expect(refused.err).toContain("InvalidAccessKeyId.NotFound");
    expect(refused.err).toContain(
      `(access key id LTAIhintsTest from profile "default" of the credentials file ${file})`,
    );
    expect(refused.out + refused.err).not.toContain("own-secret-1");
  });

  it("an authentication error names the access key id and where it came from, never the secret", async () => {
    clearChain();
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "LTAIwrongOne";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "wrong-secret-2";
    const r = await plan(own);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /InvalidAccessKeyId\.NotFound.*\(access key id LTAIwrongOne from the environment \(ALIBABA_CLOUD_ACCESS_KEY_ID\)\)/,
    );
    expect(r.out + r.err).not.toContain("wrong-secret-2");
    clearChain();
    const local = await plan(own);
    expect(local.err).toContain(
      "(access key id local from the emulator's default (no credentials configured))",
    );
  });
});
