// Nothing secret or local leaves through the side doors, through the built CLI: DEBUG=* and NODE_DEBUG
// print no key secret, STS token or signature, no request carries an `x-acs-credentials-provider` header
// with our words for the source (paths, profile names), and a non-ASCII credentials path and profile
// name work instead of failing every call.

import { mkdirSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { tempDir } from "../helpers/fleet.js";
import { type ProxyServer, startProxy } from "../helpers/proxy.js";

useBuiltCli();

const MARK = "PLANTED";
const ID = "LTAI5tDebugTest";
const SECRET = `${MARK}secret9d2c`;
const TOKEN = `${MARK}token4e7a`;

let emu: RunningEmulator;
let proxy: ProxyServer;
const seen: IncomingMessage["headers"][] = [];

beforeAll(async () => {
  emu = await startEmulator({ region: "cn-hangzhou", port: 0, accessKeyId: ID, accessKeySecret: SECRET });
  const created = emu.service.call("CreateKey", { KeySpec: "Aliyun_AES_256", KeyUsage: "ENCRYPT/DECRYPT" });
  if (!created.ok) throw new Error(created.error.message);
  const keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
  emu.service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/orders" });
  proxy = await startProxy(emu.url, {
    answer: (req) => {
      seen.push(req.headers);
      return false;
    },
  });
});

afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

const CONFIG =
  "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n";

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith("ALIBABA_CLOUD_")) delete env[name];
  return { ...env, ...extra };
}

describe("no secret or local detail leaves in debug output or headers", () => {
  test("DEBUG=* and NODE_DEBUG: the plan works and prints no secret, token or signature", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), CONFIG);
    const env = cleanEnv({
      DEBUG: "*",
      NODE_DEBUG: "http,net,tls,https",
      ALIBABA_CLOUD_ACCESS_KEY_ID: ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
      ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
    });
    const run = await runBuilt(dir, ["plan", "kms.yaml", "--endpoint", proxy.url], env);
    const printed = run.stdout + run.stderr;
    expect(printed).toContain("alias/orders");
    expect(printed).not.toContain(MARK);
    expect(printed).not.toMatch(/Authorization|x-acs-security-token|Signature=/i);
  });

  test("a non-ASCII credentials path and profile name: calls succeed, no source header is sent", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), CONFIG);
    const home = join(dir, "Jürgen Ñúñez");
    mkdirSync(home);
    const file = join(home, "crédentials");
    writeFileSync(
      file,
      `[équipe]\ntype = access_key\naccess_key_id = ${ID}\naccess_key_secret = ${SECRET}\n`,
      { mode: 0o600 },
    );
    seen.length = 0;
    const env = cleanEnv({ ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: "équipe" });
    const run = await runBuilt(dir, ["plan", "kms.yaml", "--endpoint", proxy.url], env);
    expect(run.stderr).not.toMatch(/Invalid character|error/);
    expect(run.stdout).toContain("alias/orders");
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(headers["x-acs-credentials-provider"]).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain("Jürgen");
  });
});
