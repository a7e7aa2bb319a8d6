// Done-when of section 12, end to end on the emulator's clock: six rotations of an RSA and an EC P-256
// key (publishAhead 1d, verifyFor 3d, interval 7d) in 6-hour steps, each step running apply and publish.
// A signer using signJws and a verifier using jose with a key set up to one step old never disagree, for
// tokens living up to verifyFor minus one step; a signer taking the newest version instead does fail.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { publishKeys } from "../../src/app/publish.js";
import { createKms } from "../../src/kms/client.js";
import type { Kms } from "../../src/kms/types.js";
import { toJwks } from "../../src/render/index.js";
import { derToJose } from "../../src/signing/der.js";
import { signJws } from "../../src/signing/index.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();
const STEP_H = 6;
const STEP_MS = STEP_H * 3_600_000;
const VERIFY_FOR_MS = 3 * 86_400_000;
const LIFETIME_MS = VERIFY_FOR_MS - STEP_MS;
const ROTATIONS = 6;
/** Six rotations of 7d each, plus the publish-ahead day of the last. */
const STEPS = Math.ceil(((ROTATIONS * 7 + 2) * 24) / STEP_H);
const KEYS = ["alias/rsa-signer", "alias/ec-signer"] as const;

type Signer = (key: string, claims: Record<string, unknown>) => Promise<string>;

interface Token {
  readonly token: string;
  readonly key: string;
  readonly expiresAt: number;
}

function config(): string {
  const file = join(lab.dir, "kms.yaml");
  const keys = KEYS.flatMap((key) => [
    `  - key: ${key}`,
    "    rotation: { mode: manual, interval: 7d }",
    "    signing: { publishAhead: 1d, verifyFor: 3d }",
  ]);
  writeFileSync(
    file,
    ["version: 1", "provider: { alibaba: { region: cn-hangzhou } }", "keys:", ...keys, ""].join("\n"),
  );
  return file;
}

function client(): Kms {
  const quota = { read: 5000, write: 5000, create: 5000 };
  return createKms({
    region: "cn-hangzhou",
    endpoint: lab.emu.url,
    credentials: { accessKeyId: "local", accessKeySecret: "local" },
    quota,
  });
}

/** Runs the loop; returns how many verifications failed and how many rotations each key went through. */
async function run(
  sign: Signer,
  stopAtFirstFailure = false,
): Promise<{ failures: string[]; verified: number; kids: Map<string, Set<string>> }> {
  const file = config();
  const published: JSONWebKeySet[] = [];
  const tokens: Token[] = [];
  const failures: string[] = [];
  const kids = new Map<string, Set<string>>(KEYS.map((k) => [k, new Set()]));
  let verified = 0;
  for (let step = 0; step < STEPS && !(stopAtFirstFailure && failures.length > 0); step++) {
    if (step > 0) lab.emu.service.advanceClock(STEP_MS / 1000);
    const applied = await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)]);
    expect(applied.code, applied.err).toBe(0);
    const now = lab.emu.service.now();
    const { report, diagnostics } = await publishKeys(file, {
      cwd: lab.dir,
      endpoint: lab.emu.url,
      now,
      qps: { read: 5000, write: 5000, create: 5000 },
    });
    expect(report, diagnostics.map((d) => d.message).join("\n")).toBeDefined();
    published.push(toJwks(report as NonNullable<typeof report>) as JSONWebKeySet);
    const iat = Math.floor(now.getTime() / 1000);
    for (const key of KEYS) {
      const token = await sign(key, {
        sub: "user-42",
        iat,
        exp: Math.floor((now.getTime() + LIFETIME_MS) / 1000),
      });
      kids.get(key)?.add(String(decodeProtectedHeader(token).kid));
      tokens.push({ token, key, expiresAt: now.getTime() + LIFETIME_MS });
    }
    // Every live token, against the key set of this step and the one of the step before.
    const sets = published.slice(-2);
    for (const t of tokens) {
      if (t.expiresAt <= now.getTime()) continue;
      for (const set of sets) {
        try {
          await jwtVerify(t.token, createLocalJWKSet(set), { currentDate: now });
          verified++;
        } catch (error) {
          failures.push(`step ${step} ${t.key}: ${(error as Error).message}`);
        }
      }
    }
  }
  return { failures, verified, kids };
}

describe("signing keys end to end", () => {
  it("never fails a verifier with a key set up to one step old, over six rotations", async () => {
    createKey(lab.emu, { spec: "RSA_2048", alias: KEYS[0] });
    createKey(lab.emu, { spec: "EC_P256", alias: KEYS[1] });
    const kms = client();
    const result = await run((key, claims) =>
      signJws(claims, { key, region: "cn-hangzhou", kms, cacheMs: 0 }),
    );
    expect(result.failures).toEqual([]);
    // The loop did what it claims: seven versions signed for each key (six rotations), many checks.
    for (const key of KEYS) expect(result.kids.get(key)?.size, key).toBe(ROTATIONS + 1);
    expect(result.verified).toBeGreaterThan(STEPS * 2 * 10);
  }, 300_000);

  it("fails when the signer takes the newest version instead of the active one", async () => {
    createKey(lab.emu, { spec: "RSA_2048", alias: KEYS[0] });
    createKey(lab.emu, { spec: "EC_P256", alias: KEYS[1] });
    const kms = client();
    const newest: Signer = async (key, claims) => {
      const described = await kms.describeKey(key);
      const versions = (await kms.listKeyVersions(described.keyId, 1, 100)).items;
      const version = [...versions]
        .sort((a, b) => Date.parse(a.creationDate) - Date.parse(b.creationDate))
        .at(-1);
      const rsa = described.keySpec.startsWith("RSA");
      const header = { alg: rsa ? "RS256" : "ES256", kid: version?.keyVersionId, typ: "JWT" };
      const input = `${Buffer.from(JSON.stringify(header)).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
      const { createHash } = await import("node:crypto");
      const digest = createHash("sha256").update(input).digest();
      const signed = await kms.asymmetricSign(
        described.keyId,
        String(version?.keyVersionId),
        rsa ? "RSA_PKCS1_SHA_256" : "ECDSA_SHA_256",
        digest,
      );
      const signature = rsa ? signed.value : derToJose(signed.value);
      return `${input}.${Buffer.from(signature).toString("base64url")}`;
    };
    const result = await run(newest, true);
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures.join("\n")).toMatch(/no applicable key found in the JSON Web Key Set/);
  }, 300_000);
});
