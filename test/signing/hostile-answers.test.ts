import { afterEach, describe, expect, it } from "vitest";
import { createKms } from "../../src/kms/client.js";
import { signJws } from "../../src/signing/index.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey, signingKeyYaml, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";
import { type ProxyServer, startProxy } from "../helpers/proxy.js";

useBuiltCli();
const lab = useLab();
let proxy: ProxyServer | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** A proxy that rewrites every GetPublicKey (PublicKey) or AsymmetricSign (Value) answer. */
async function rewriting(
  action: "GetPublicKey" | "AsymmetricSign",
  change: (body: Record<string, unknown>) => void,
) {
  const marker = action === "GetPublicKey" ? "PublicKey" : "Value";
  proxy = await startProxy(lab.emu.url, {
    rewrite: (_req, text) => {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (!(marker in body)) return undefined;
      change(body);
      return JSON.stringify(body);
    },
  });
  return proxy.url;
}

function config(alias: string): string {
  return writeConfig(lab.dir, signingKeyYaml(alias, "10d"));
}

async function applied(spec: "RSA_2048" | "EC_P256", alias: string): Promise<string> {
  createKey(lab.emu, { spec, alias });
  const file = config(alias);
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  return file;
}

const publishThrough = (file: string, url: string) =>
  runBuilt(lab.dir, ["publish", file, ...at(lab.emu).map((a) => (a === lab.emu.url ? url : a))]);

describe("publish holds GetPublicKey answers to the asked version", () => {
  it("refuses an answer naming another KeyVersionId: the key is an error, exit 1, nothing printed", async () => {
    const file = await applied("EC_P256", "alias/ec-signer");
    const url = await rewriting("GetPublicKey", (b) => {
      b.KeyVersionId = "other-version";
    });
    const run = await publishThrough(file, url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/"other-version": another version than the one asked for/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses an answer naming another KeyId", async () => {
    const file = await applied("RSA_2048", "alias/rsa-signer");
    const url = await rewriting("GetPublicKey", (b) => {
      b.KeyId = "key-someone-else";
    });
    const run = await publishThrough(file, url);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/"key-someone-else": another key than the one asked for/);
  });

  it("publishes the same set through an honest proxy (the rewrite hook alone changes nothing)", async () => {
    const file = await applied("EC_P256", "alias/ec-signer");
    const url = await rewriting("GetPublicKey", () => {});
    const run = await publishThrough(file, url);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).keys).toHaveLength(1);
  });
});

describe("signJws holds AsymmetricSign answers to the asked version and the key's shape", () => {
  const sign = (url: string) => {
    const kms = createKms({
      region: "cn-hangzhou",
      endpoint: url,
      credentials: { accessKeyId: "local", accessKeySecret: "local" },
      quota: { read: 5000, write: 5000, create: 5000 },
    });
    return (key: string) => signJws({ sub: "x" }, { key, region: "cn-hangzhou", kms, cacheMs: 0 });
  };

  it("signs through an honest proxy", async () => {
    await applied("RSA_2048", "alias/rsa-signer");
    const token = await sign(await rewriting("AsymmetricSign", () => {}))("alias/rsa-signer");
    expect(Buffer.from(token.split(".")[2] as string, "base64url")).toHaveLength(256);
  });

  it("throws when the answer names another KeyVersionId", async () => {
    await applied("EC_P256", "alias/ec-signer");
    const url = await rewriting("AsymmetricSign", (b) => {
      b.KeyVersionId = "other-version";
    });
    await expect(sign(url)("alias/ec-signer")).rejects.toThrow(/another version than the one asked for/);
  });

  it("throws when the answer names another KeyId", async () => {
    await applied("RSA_2048", "alias/rsa-signer");
    const url = await rewriting("AsymmetricSign", (b) => {
      b.KeyId = "key-someone-else";
    });
    await expect(sign(url)("alias/rsa-signer")).rejects.toThrow(/another key than the one asked for/);
  });

  it("throws when an RSA signature is not the modulus length", async () => {
    await applied("RSA_2048", "alias/rsa-signer");
    const url = await rewriting("AsymmetricSign", (b) => {
      b.Value = Buffer.from("1234567").toString("base64");
    });
    await expect(sign(url)("alias/rsa-signer")).rejects.toThrow(/7 bytes, not the 256 of RSA_2048/);
  });

  it("throws when an ECDSA signature is not DER of the curve's size", async () => {
    await applied("EC_P256", "alias/ec-signer");
    const url = await rewriting("AsymmetricSign", (b) => {
      b.Value = Buffer.alloc(64, 1).toString("base64");
    });
    await expect(sign(url)("alias/ec-signer")).rejects.toThrow(/AsymmetricSign with ECDSA signature/);
  });
});
