// `kms-rotation publish` through the built CLI, as users and pipelines run it: every format, the
// deterministic bytes, the owner-only --out, render of its JSON, and the read budget of section 12.

import { createPublicKey } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, stats } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

function config(keys: { alias: string; algorithm?: string }[]): string {
  const file = join(lab.dir, "kms.yaml");
  const lines = keys.flatMap((k) => [
    `  - key: ${k.alias}`,
    "    rotation: { mode: manual, interval: 7d }",
    `    signing: { publishAhead: 1d, verifyFor: 10d${k.algorithm ? `, algorithm: ${k.algorithm}` : ""} }`,
  ]);
  writeFileSync(
    file,
    ["version: 1", "provider: { alibaba: { region: cn-hangzhou } }", "keys:", ...lines, ""].join("\n"),
  );
  return file;
}

/** Adopted, rotated, promoted, rotated again: a previous (verifyFor 10d), an active and a next version. */
async function rotate(file: string) {
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  advanceDays(lab.emu, 7);
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  advanceDays(lab.emu, 1);
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
  advanceDays(lab.emu, 7);
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
}

const publish = (file: string, ...more: string[]) =>
  runBuilt(lab.dir, ["publish", file, ...more, ...at(lab.emu)]);

describe("kms-rotation publish", () => {
  it("writes a JWK Set with RFC 7517/7518 members, the same bytes every time", async () => {
    const rsa = createKey(lab.emu, { spec: "RSA_2048", alias: "alias/rsa-signer" });
    const ec = createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config([{ alias: "alias/rsa-signer", algorithm: "PS256" }, { alias: "alias/ec-signer" }]);
    await rotate(file);
    const first = await publish(file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe("");
    const second = await publish(file);
    expect(second.stdout).toBe(first.stdout);
    const jwks = JSON.parse(first.stdout) as { keys: Record<string, string>[] };
    // By key (alias/ec-signer sorts first), then version creation time: previous, active, next.
    expect(jwks.keys.map((k) => [k.kty, k.alg, k.use])).toEqual([
      ["EC", "ES256", "sig"],
      ["EC", "ES256", "sig"],
      ["EC", "ES256", "sig"],
      ["RSA", "PS256", "sig"],
      ["RSA", "PS256", "sig"],
      ["RSA", "PS256", "sig"],
    ]);
    expect(Object.keys(jwks.keys[0] as object)).toEqual(["kty", "kid", "use", "alg", "crv", "x", "y"]);
    expect(Object.keys(jwks.keys[3] as object)).toEqual(["kty", "kid", "use", "alg", "n", "e"]);
    expect(jwks.keys[0]?.crv).toBe("P-256");
    const json = JSON.parse((await publish(file, "--format", "json")).stdout);
    const rsaEntry = json.keys.find((k: { keyId: string }) => k.keyId === rsa);
    expect(rsaEntry.versions.map((v: { state: string }) => v.state)).toEqual(["previous", "active", "next"]);
    expect(jwks.keys.slice(3).map((k) => k.kid)).toEqual(
      rsaEntry.versions.map((v: { keyVersionId: string }) => v.keyVersionId),
    );
    // Each JWK is the version's own public key.
    const pem = rsaEntry.versions[1].publicKeyPem as string;
    expect(createPublicKey(pem).export({ format: "jwk" }).n).toBe(jwks.keys[4]?.n);
    expect(json.keys.find((k: { keyId: string }) => k.keyId === ec).algorithm).toBe("ES256");
  });

  it("writes PEM blocks with comments, JSON that render turns back into the same JWK Set and PEM", async () => {
    createKey(lab.emu, { spec: "EC_P256K", alias: "alias/k1-signer" });
    const file = config([{ alias: "alias/k1-signer" }]);
    await rotate(file);
    const pem = await publish(file, "--format", "pem");
    expect(pem.code).toBe(0);
    expect(pem.stdout).toMatch(
      /^# key alias\/k1-signer version \S+ state previous\n# keyId \S+ region cn-hangzhou algorithm ES256K; created /,
    );
    expect(pem.stdout.match(/-----BEGIN PUBLIC KEY-----/g)).toHaveLength(3);
    const saved = join(lab.dir, "keys.json");
    const written = await publish(file, "--format", "json", "--out", "keys.json");
    expect(written.code).toBe(0);
    expect(statSync(saved).mode & 0o777).toBe(0o600);
    expect(written.stderr).toMatch(/Wrote 3 verification keys of 1 signing key to: keys\.json/);
    const doc = JSON.parse(readFileSync(saved, "utf8"));
    expect(doc.formatVersion).toBe(1);
    const rendered = await runBuilt(lab.dir, ["render", saved, "--format", "jwks"]);
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(rendered.stdout).toBe((await publish(file)).stdout);
    expect(JSON.parse(rendered.stdout).keys[0].crv).toBe("secp256k1");
    const renderedPem = await runBuilt(lab.dir, ["render", saved, "--format", "pem"]);
    expect(renderedPem.stdout).toBe(pem.stdout);
    // Without --format, a publish document renders as publish writes by default: the JWK Set.
    const byDefault = await runBuilt(lab.dir, ["render", saved]);
    expect(byDefault.code, byDefault.stderr).toBe(0);
    expect(byDefault.stdout).toBe(rendered.stdout);
  });

  it("leaves SM2 keys out of the JWK Set with a warning, and keeps them in PEM", async () => {
    createKey(lab.emu, { spec: "EC_SM2", alias: "alias/sm2-signer" });
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config([{ alias: "alias/sm2-signer" }, { alias: "alias/ec-signer" }]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const jwks = await publish(file);
    expect(jwks.code).toBe(0);
    expect(JSON.parse(jwks.stdout).keys).toHaveLength(1);
    expect(jwks.stderr).toMatch(/alias\/sm2-signer: an SM2 key has no JOSE form/);
    const pem = await publish(file, "--format", "pem");
    expect(pem.stdout).toContain("# key alias/sm2-signer version");
    expect(pem.stdout).toContain("algorithm SM2DSA");
  });

  it("reads one ListResourceTags and one ListKeyVersions per key and one GetPublicKey per published version", async () => {
    createKey(lab.emu, { spec: "RSA_2048", alias: "alias/rsa-signer" });
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config([{ alias: "alias/rsa-signer" }, { alias: "alias/ec-signer" }]);
    await rotate(file);
    const before = await stats(lab.emu);
    expect((await publish(file)).code).toBe(0);
    const after = await stats(lab.emu);
    const calls = (action: string) => (after[action] ?? 0) - (before[action] ?? 0);
    expect(calls("ListResourceTags")).toBe(2);
    expect(calls("ListKeyVersions")).toBe(2);
    expect(calls("GetPublicKey")).toBe(6);
    expect(calls("DescribeKey")).toBe(2);
    expect(calls("TagResource") + calls("CreateKeyVersion")).toBe(0);
  });

  it("fails with exit 1, writing nothing, when a key is missing or cannot sign", async () => {
    createKey(lab.emu, { spec: "RSA_2048", usage: "ENCRYPT/DECRYPT", alias: "alias/rsa-signer" });
    const file = config([{ alias: "alias/rsa-signer" }, { alias: "alias/nowhere" }]);
    const out = join(lab.dir, "jwks.json");
    const run = await publish(file, "--out", out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/cannot publish alias\/rsa-signer in cn-hangzhou: SigningUnsupported/);
    expect(run.stderr).toMatch(/cannot publish alias\/nowhere in cn-hangzhou: AliasNotFound/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(() => statSync(out)).toThrow();
  });
});
