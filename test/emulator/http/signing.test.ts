// The signing operations of CONTRACT section 12 through every official SDK generation: each signature
// checked independently against GetPublicKey's PEM (node:crypto, `jose` for the JOSE algorithms, the
// openssl CLI for SM2DSA), and the service's refusals by code.

import { execFileSync } from "node:child_process";
import { constants, createHash, createPublicKey, verify as nodeVerify } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, importSPKI } from "jose";
import { afterAll, describe, expect, it } from "vitest";
import { parseDerSignature } from "../../../src/emulator/core/crypto/ec-digest.js";
import { CALLERS, type Caller, caller, emulator } from "./harness.js";

// biome-ignore lint/suspicious/noExplicitAny: raw service bodies, read the way a test reads JSON.
type Body = Record<string, any>;

const work = mkdtempSync(join(tmpdir(), "kms-signing-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Case {
  readonly spec: string;
  readonly algorithm: string;
  /** The JOSE alg a verifier would use, when there is one. */
  readonly jose?: "RS256" | "PS256" | "ES256" | "ES256K";
}

const CASES: readonly Case[] = [
  { spec: "RSA_2048", algorithm: "RSA_PKCS1_SHA_256", jose: "RS256" },
  { spec: "RSA_2048", algorithm: "RSA_PSS_SHA_256", jose: "PS256" },
  { spec: "RSA_3072", algorithm: "RSA_PKCS1_SHA_256", jose: "RS256" },
  { spec: "RSA_3072", algorithm: "RSA_PSS_SHA_256", jose: "PS256" },
  { spec: "EC_P256", algorithm: "ECDSA_SHA_256", jose: "ES256" },
  { spec: "EC_P256K", algorithm: "ECDSA_SHA_256", jose: "ES256K" },
  { spec: "EC_SM2", algorithm: "SM2DSA" },
];

const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString("base64url");

/** DER (r, s) to JOSE's fixed-width R||S (RFC 7518 section 3.4). */
function rawSignature(der: Buffer): Buffer {
  const parsed = parseDerSignature(der);
  if (!parsed) throw new Error("not a DER signature");
  const part = (n: bigint) => Buffer.from(n.toString(16).padStart(64, "0"), "hex");
  return Buffer.concat([part(parsed.r), part(parsed.s)]);
}

/** A compact JWS whose signature the emulator made over SHA-256 of the signing input. */
async function signedJws(call: Caller, keyId: string, versionId: string, c: Case): Promise<string> {
  const header = b64url(JSON.stringify({ alg: c.jose, kid: versionId }));
  const input = `${header}.${b64url(JSON.stringify({ sub: c.spec }))}`;
  const digest = createHash("sha256").update(input).digest("base64");
  const signed: Body = await call("AsymmetricSign", {
    KeyId: keyId,
    KeyVersionId: versionId,
    Algorithm: c.algorithm,
    Digest: digest,
  });
  const value = Buffer.from(signed.Value, "base64");
  const signature = c.jose?.startsWith("ES") ? rawSignature(value) : value;
  return `${input}.${b64url(signature)}`;
}

/** The JWS verified by `jose` against the PEM (ES256K by node:crypto: `jose` 6 dropped secp256k1). */
async function verifyJws(jws: string, publicPem: string, alg: NonNullable<Case["jose"]>): Promise<boolean> {
  if (alg === "ES256K") {
    const [h, p, s] = jws.split(".") as [string, string, string];
    const key = { key: createPublicKey(publicPem), dsaEncoding: "ieee-p1363" as const };
    return nodeVerify("sha256", Buffer.from(`${h}.${p}`), key, Buffer.from(s, "base64url"));
  }
  try {
    await compactVerify(jws, await importSPKI(publicPem, alg));
    return true;
  } catch {
    return false;
  }
}

function opensslVerifiesSm2(publicPem: string, digest: Buffer, signature: Buffer): boolean {
  const [pub, d, s] = ["pub.pem", "digest", "sig"].map((name) => join(work, name)) as [
    string,
    string,
    string,
  ];
  writeFileSync(pub, publicPem);
  writeFileSync(d, digest);
  writeFileSync(s, signature);
  try {
    execFileSync("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-in", d, "-sigfile", s], {
      stdio: "pipe",
    });
    return true;
  } catch {
    return false;
  }
}

async function newVersion(call: Caller, spec: string): Promise<{ keyId: string; versionId: string }> {
  const created: Body = await call("CreateKey", { KeySpec: spec, KeyUsage: "SIGN/VERIFY" });
  const keyId = created.KeyMetadata.KeyId;
  const listed: Body = await call("ListKeyVersions", { KeyId: keyId });
  return { keyId, versionId: listed.KeyVersions.KeyVersion[0].KeyVersionId };
}

/** A new signing key and its first version, made in-process (no SDK connection yet). */
function inProcessVersion(
  running: Awaited<ReturnType<typeof emulator>>,
  spec: string,
): { keyId: string; versionId: string } {
  const created = running.service.call("CreateKey", { KeySpec: spec, KeyUsage: "SIGN/VERIFY" });
  if (!created.ok) throw new Error(`CreateKey ${spec}: ${created.error.code}`);
  const keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
  const listed = running.service.call("ListKeyVersions", { KeyId: keyId });
  if (!listed.ok) throw new Error(`ListKeyVersions: ${listed.error.code}`);
  const versions = (listed.body.KeyVersions as { KeyVersion: { KeyVersionId: string }[] }).KeyVersion;
  return { keyId, versionId: (versions[0] as { KeyVersionId: string }).KeyVersionId };
}

describe.each(CALLERS)("signing through %s", (name) => {
  it.each(CASES)("$spec $algorithm: signatures verify against GetPublicKey's PEM", async (c) => {
    const running = await emulator();
    // Key generation on first use (RSA_3072: seconds on a loaded machine) blocks the event loop when done
    // in-process: the key and its material are made before the SDK opens its first connection, so no idle
    // keep-alive socket is cut under it (ECONNRESET). First use through the SDK: the restart test below.
    const { keyId, versionId } = inProcessVersion(running, c.spec);
    expect(running.service.call("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId }).ok).toBe(true);
    const call = caller(name, running);
    const described: Body = await call("DescribeKeyVersion", { KeyId: keyId, KeyVersionId: versionId });
    expect(described.KeyVersion).toMatchObject({ KeyId: keyId, KeyVersionId: versionId });
    expect(described.KeyVersion.CreationDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const got: Body = await call("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
    expect(got).toMatchObject({ KeyId: keyId, KeyVersionId: versionId });
    const publicPem: string = got.PublicKey;
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);

    const message = Buffer.from(`a message for ${c.spec}`);
    const digest = createHash(c.algorithm === "SM2DSA" ? "sm3" : "sha256")
      .update(message)
      .digest();
    const params = {
      KeyId: keyId,
      KeyVersionId: versionId,
      Algorithm: c.algorithm,
      Digest: digest.toString("base64"),
    };
    const signed: Body = await call("AsymmetricSign", params);
    expect(signed).toMatchObject({ KeyId: keyId, KeyVersionId: versionId });
    const signature = Buffer.from(signed.Value, "base64");

    if (c.algorithm === "SM2DSA") {
      expect(opensslVerifiesSm2(publicPem, digest, signature)).toBe(true);
      expect(opensslVerifiesSm2(publicPem, createHash("sm3").update("other").digest(), signature)).toBe(
        false,
      );
    } else {
      const key =
        c.algorithm === "RSA_PSS_SHA_256"
          ? { key: publicPem, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }
          : { key: publicPem, dsaEncoding: "der" as const };
      expect(nodeVerify("sha256", message, key, signature)).toBe(true);
      expect(nodeVerify("sha256", Buffer.from("other"), key, signature)).toBe(false);
    }
    if (c.jose) {
      const jws = await signedJws(call, keyId, versionId, c);
      expect(await verifyJws(jws, publicPem, c.jose)).toBe(true);
      const forged = `${jws.slice(0, jws.indexOf(".") + 1)}${b64url("{}")}${jws.slice(jws.lastIndexOf("."))}`;
      expect(await verifyJws(forged, publicPem, c.jose)).toBe(false);
    }

    const verified: Body = await call("AsymmetricVerify", { ...params, Value: signed.Value });
    expect(verified).toMatchObject({ KeyId: keyId, KeyVersionId: versionId, Value: true });
    const other = createHash("sha256").update("another message").digest("base64");
    const refused: Body = await call("AsymmetricVerify", { ...params, Digest: other, Value: signed.Value });
    expect(refused.Value).toBe(false);
    // The same version answers with the same key, every time.
    const again: Body = await call("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
    expect(again.PublicKey).toBe(publicPem);
  });
});

describe("signing: versions, refusals and the state file", () => {
  const call = async (port: number) => caller("openapi-client (v3)", { port });

  it("each version has its own key material; a restart on the same state keeps it", async () => {
    const statePath = join(mkdtempSync(join(work, "state-")), "kms.json");
    const first = await emulator({ statePath, clock: new Date("2026-01-01T00:00:00Z") });
    const api = await call(first.port);
    const { keyId, versionId } = await newVersion(api, "EC_P256");
    expect(readFileSync(statePath, "utf8")).not.toContain("PRIVATE KEY");
    const before: Body = await api("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
    expect(readFileSync(statePath, "utf8")).toContain("PRIVATE KEY");
    await fetch(`${first.url}/__emulator/clock`, { method: "POST", body: JSON.stringify({ advance: "8d" }) });
    const second: Body = await api("CreateKeyVersion", { KeyId: keyId });
    const newer: Body = await api("GetPublicKey", {
      KeyId: keyId,
      KeyVersionId: second.KeyVersion.KeyVersionId,
    });
    expect(newer.PublicKey).not.toBe(before.PublicKey);
    await first.close();

    const restarted = await emulator({ statePath });
    const after: Body = await (await call(restarted.port))("GetPublicKey", {
      KeyId: keyId,
      KeyVersionId: versionId,
    });
    expect(after.PublicKey).toBe(before.PublicKey);
  });

  it("answers the service's codes for what it cannot do", async () => {
    const running = await emulator();
    const api = await call(running.port);
    const rsa = await newVersion(api, "RSA_2048");
    const digest = createHash("sha256").update("x").digest("base64");
    const sign = (params: Record<string, string>) =>
      api("AsymmetricSign", {
        ...rsa,
        KeyId: rsa.keyId,
        KeyVersionId: rsa.versionId,
        Algorithm: "RSA_PSS_SHA_256",
        Digest: digest,
        ...params,
      }).then(
        () => ({ code: "ok", status: 200 }),
        (error: { code: string; status: number }) => ({ code: error.code, status: error.status }),
      );
    expect(await sign({ KeyVersionId: `${rsa.versionId}0` })).toEqual({
      code: "Forbidden.KeyVersionNotFound",
      status: 404,
    });
    expect(await sign({ KeyId: "no-such-key" })).toEqual({ code: "Forbidden.KeyNotFound", status: 404 });
    expect(await sign({ Algorithm: "ECDSA_SHA_256" })).toEqual({ code: "InvalidParameter", status: 400 });
    expect(await sign({ Digest: "not base64!" })).toEqual({ code: "InvalidParameter", status: 400 });
    expect(await sign({ Digest: Buffer.alloc(20).toString("base64") })).toEqual({
      code: "InvalidParameter",
      status: 400,
    });
    const versionOf = async (keyId: string) =>
      ((await api("ListKeyVersions", { KeyId: keyId })) as Body).KeyVersions.KeyVersion[0].KeyVersionId;
    const symmetric: Body = await api("CreateKey", { KeySpec: "Aliyun_AES_256" });
    const symmetricId = symmetric.KeyMetadata.KeyId;
    expect(await sign({ KeyId: symmetricId, KeyVersionId: await versionOf(symmetricId) })).toEqual({
      code: "Rejected.UnsupportedOperation",
      status: 400,
    });
    const encrypting: Body = await api("CreateKey", { KeySpec: "RSA_2048", KeyUsage: "ENCRYPT/DECRYPT" });
    const encryptingId = encrypting.KeyMetadata.KeyId;
    expect(await sign({ KeyId: encryptingId, KeyVersionId: await versionOf(encryptingId) })).toEqual({
      code: "Rejected.UnsupportedOperation",
      status: 400,
    });
    await api("DisableKey", { KeyId: rsa.keyId });
    expect(await sign({})).toEqual({ code: "Rejected.Disabled", status: 409 });
    await expect(
      api("GetPublicKey", { KeyId: rsa.keyId, KeyVersionId: rsa.versionId }),
    ).rejects.toMatchObject({
      code: "Rejected.Disabled",
      status: 409,
    });
    // DescribeKeyVersion reads a key in any state; an unknown version is the service's 404.
    await expect(
      api("DescribeKeyVersion", { KeyId: rsa.keyId, KeyVersionId: rsa.versionId }),
    ).resolves.toBeDefined();
    await expect(api("DescribeKeyVersion", { KeyId: rsa.keyId, KeyVersionId: "nope" })).rejects.toMatchObject(
      {
        code: "Forbidden.KeyVersionNotFound",
        status: 404,
      },
    );
  });

  it("a version's first use makes its material off the event loop: other calls are answered meanwhile", async () => {
    const running = await emulator();
    const api = await call(running.port);
    const { keyId, versionId } = await newVersion(api, "RSA_3072");
    const order: string[] = [];
    const making = running.service
      .prepare("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId })
      .then(() => order.push("material made"));
    const reading = api("DescribeKey", { KeyId: keyId }).then(() => order.push("DescribeKey answered"));
    await Promise.all([making, reading]);
    expect(order).toEqual(["DescribeKey answered", "material made"]);
    // The call takes what was made, and keeps it.
    const first: Body = await api("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
    const again: Body = await api("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
    expect(again.PublicKey).toBe(first.PublicKey);
    expect(createPublicKey(first.PublicKey).asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it("draws on the crypto quota, apart from reads", async () => {
    const running = await emulator({ qps: { crypto: 2 } });
    const api = await call(running.port);
    const { keyId, versionId } = await newVersion(api, "EC_P256");
    const get = () =>
      api("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId }).then(
        () => "ok",
        (error: { code: string }) => error.code,
      );
    const answers = [await get(), await get(), await get()];
    expect(answers).toEqual(["ok", "ok", "Rejected.Throttling"]);
    await expect(api("DescribeKey", { KeyId: keyId })).resolves.toBeDefined();
  });
});
