// Signing keys as users meet them in every command, after an outside review: one reason for a key that
// cannot sign, SM2 keys and the JWK Set, what drift --published demands of each entry, unusable pointers.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

function config(keys: readonly string[]): string {
  const file = join(lab.dir, "kms.yaml");
  const lines = keys.flatMap((k) => [
    `  - key: ${k}`,
    "    rotation: { mode: manual, interval: 7d }",
    "    signing: { publishAhead: 1d, verifyFor: 10d }",
  ]);
  writeFileSync(
    file,
    ["version: 1", "provider: { alibaba: { region: cn-hangzhou } }", "keys:", ...lines, ""].join("\n"),
  );
  return file;
}

const built = (...args: string[]) => runBuilt(lab.dir, [...args, ...at(lab.emu)]);

describe("a key that cannot sign", () => {
  it("is SigningUnsupported in plan, as in publish, also when it cannot rotate by hand", async () => {
    createKey(lab.emu, { spec: "Aliyun_AES_256", alias: "alias/sym" });
    const file = config(["alias/sym"]);
    const plan = await built("plan", file, "--format", "json");
    const entry = JSON.parse(plan.stdout).keys[0];
    expect(entry.action).toBe("blocked");
    expect(entry.reason.code).toBe("SigningUnsupported");
    const publish = await built("publish", file);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/SigningUnsupported/);
  });
});

describe("SM2 signing keys and the JWK Set", () => {
  it("publish --out counts only what the set holds; drift --published does not demand SM2 there", async () => {
    createKey(lab.emu, { spec: "EC_SM2", alias: "alias/sm2-signer" });
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config(["alias/sm2-signer", "alias/ec-signer"]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const written = await built("publish", file, "--out", "keys.jwks");
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toMatch(/Wrote 1 verification key of 1 signing key to: keys\.jwks/);
    const pem = await built("publish", file, "--format", "pem", "--out", "keys.pem");
    expect(pem.stderr).toMatch(/Wrote 2 verification keys of 2 signing keys to: keys\.pem/);
    const drift = await built("drift", file, "--published", "keys.jwks");
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(drift.stderr).toMatch(
      /alias\/sm2-signer: an SM2 key has no JOSE form and no JWK Set holds it; not checked against keys\.jwks/,
    );
    expect(drift.stdout).not.toMatch(/VersionNotPublished|drifted/);
  });
});

describe("drift --published demands a usable public key for each next and active version", () => {
  it("is drifted when an entry holds no key material or a key of another type; in sync with publish's set", async () => {
    createKey(lab.emu, { spec: "RSA_2048", alias: "alias/rsa-signer" });
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config(["alias/rsa-signer", "alias/ec-signer"]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const honest = await built("publish", file, "--out", "keys.jwks");
    expect(honest.code, honest.stderr).toBe(0);
    expect((await built("drift", file, "--published", "keys.jwks")).code).toBe(0);
    const set = JSON.parse(readFileSync(join(lab.dir, "keys.jwks"), "utf8")) as {
      keys: Record<string, string>[];
    };
    const ec = set.keys.find((k) => k.kty === "EC") as Record<string, string>;
    const rsa = set.keys.find((k) => k.kty === "RSA") as Record<string, string>;
    // The EC entry keeps its kid but loses its members; the RSA kid carries the EC key's material.
    const fake = { keys: [{ kid: ec.kid, kty: "EC" }, { ...ec, kid: rsa.kid }, "x", { kid: 5 }] };
    writeFileSync(join(lab.dir, "fake.jwks"), JSON.stringify(fake));
    const drift = await built("drift", file, "--published", "fake.jwks", "--format", "json");
    expect(drift.code, drift.stderr).toBe(2);
    const entries = JSON.parse(drift.stdout).keys as {
      key: string;
      status: string;
      reason?: { code: string; message: string };
    }[];
    for (const [key, kid] of [
      ["alias/ec-signer", ec.kid],
      ["alias/rsa-signer", rsa.kid],
    ]) {
      const entry = entries.find((e) => e.key === key);
      expect(entry?.status, key).toBe("drifted");
      expect(entry?.reason?.code, key).toBe("VersionNotPublished");
      expect(entry?.reason?.message, key).toContain(`lists ${kid} without a usable public key`);
    }
    const text = await built("drift", file, "--published", "fake.jwks");
    expect(text.stdout).toMatch(/without a usable public key of this key \(the published key differs\)/);
  });
});

describe("a signing key whose pointer is unusable", () => {
  it("is non-compliant in audit, has nothing forecast, and its error is said once", async () => {
    const keyId = createKey(lab.emu, { spec: "EC_P256K", alias: "alias/k1" });
    const file = config(["alias/k1"]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    call(lab.emu, "TagResource", {
      KeyId: keyId,
      Tags: JSON.stringify([{ TagKey: "kms-rotation:active-since", TagValue: "yesterday" }]),
    });
    const plan = await built("plan", file, "--format", "json");
    expect(JSON.parse(plan.stdout).keys[0].reason.code).toBe("ActiveVersionUnknown");
    const audit = await built("audit", file, "--format", "json");
    const entry = JSON.parse(audit.stdout).keys[0];
    expect(entry.verdict).toBe("non-compliant");
    expect(entry.activeVersionAge).toBeNull();
    expect(audit.code).not.toBe(0);
    const forecast = await built("forecast", file, "--format", "json");
    const doc = JSON.parse(forecast.stdout);
    expect(doc.rotations).toEqual([]);
    expect(doc.problems.map((p: { key: string }) => p.key)).toEqual(["alias/k1"]);
    expect(forecast.stderr.match(/ActiveVersionUnknown/g)).toHaveLength(1);
    const text = await built("forecast", file);
    expect(text.stdout).toMatch(/^Rotations from \S+ until \S+:\n\n {2}none\n/);
    expect(text.stderr.match(/ActiveVersionUnknown/g)).toHaveLength(1);
  });
});

describe("audit describes a signing key by its active version in every format", () => {
  it("CSV has activeVersion columns and reasons that speak of the active version, not the newest", async () => {
    const keyId = createKey(lab.emu, { spec: "EC_P256", alias: "alias/ec-signer" });
    const file = config(["alias/ec-signer"]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    advanceDays(lab.emu, 7.5);
    call(lab.emu, "CreateKeyVersion", { KeyId: keyId });
    const json = JSON.parse((await built("audit", file, "--format", "json")).stdout).keys[0];
    const csv = (await built("audit", file, "--format", "csv")).stdout.split("\r\n");
    const header = (csv[0] as string).split(",");
    expect(header.slice(-2)).toEqual(["activeVersion", "activeVersionAge"]);
    const row = (csv[1] as string).split(",");
    expect(row.at(-2)).toBe(json.activeVersion);
    // Each run reads the emulator's clock afresh: the ages agree to a few seconds.
    expect(Math.abs(Number(row.at(-1)) - json.activeVersionAge)).toBeLessThan(60);
    expect(json.activeVersionAge).toBeGreaterThanOrEqual(7.5 * 86400);
    expect(csv[1]).toMatch(/the active signing version is 7 days old/);
    expect(csv[1]).not.toMatch(/the current version is/);
    const text = await built("audit", file);
    expect(text.stdout).toMatch(
      /alias\/ec-signer[^\n]*compliant\n\s+[^\n]*the active signing version is 7 days old/,
    );
  });
});

describe("publish orders keys one way in every format", () => {
  it("JSON lists keys by name, as jwks and pem do, whatever the config's order", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/zz-signer" });
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/aa-signer" });
    const file = config(["alias/zz-signer", "alias/aa-signer"]);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const json = JSON.parse((await built("publish", file, "--format", "json")).stdout);
    expect(json.keys.map((k: { key: string }) => k.key)).toEqual(["alias/aa-signer", "alias/zz-signer"]);
    const pem = (await built("publish", file, "--format", "pem")).stdout;
    expect(pem.indexOf("alias/aa-signer")).toBeLessThan(pem.indexOf("alias/zz-signer"));
  });
});
