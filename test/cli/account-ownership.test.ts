// A key belongs to the account and region it is declared in (CONTRACT §3/§4). When the credentials or the
// endpoint named for an account reach another account (the same access key works in both here), the key
// KMS answers with is not the declared one: plan says so as an error naming both accounts, and no write
// ever goes there, from a config or from a saved plan.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { stats, T0, tempDir, writes } from "../helpers/fleet.js";

const A = "1111111111111111";
const B = "2222222222222222";
const KEY_ID = "0b30658a-ed1a-4922-b8f7-a673ca9c1234";
const NOW = "2026-01-11T00:00:00Z";

const dir = tempDir();
const seed = join(dir, "fleet.yaml");
writeFileSync(seed, `version: 1\nkeys:\n  - { alias: alias/a-one, keyId: ${KEY_ID}, created: -10d }\n`);
const running: RunningEmulator[] = [];

/** One account's emulator holding alias/a-one with the same id as every other's, and one access key. */
async function emulatorOf(account: string): Promise<RunningEmulator> {
  const emu = await startEmulator({
    region: "cn-hangzhou",
    port: 0,
    host: "127.0.0.1",
    clock: T0,
    accountId: account,
    accessKeyId: "AKA",
    accessKeySecret: "SA",
    seedPath: seed,
  });
  running.push(emu);
  return emu;
}

const saved = process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
beforeAll(() => {
  const file = join(dir, "credentials");
  writeFileSync(file, "[acct-a]\ntype = access_key\naccess_key_id = AKA\naccess_key_secret = SA\n");
  process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
});
afterAll(() => {
  if (saved === undefined) delete process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
  else process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = saved;
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** A config declaring alias/a-one (and a missing alias/gone) in `account`, whose profile and endpoint are those of `emu`. */
function configFor(account: string, emu: RunningEmulator, name: string, missing = true): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      "version: 1",
      "provider:",
      "  alibaba:",
      "    accounts:",
      `      "${account}": { profile: acct-a, endpoints: { cn-hangzhou: "${emu.url}" } }`,
      "defaults:",
      "  region: cn-hangzhou",
      `  account: "${account}"`,
      "keys:",
      "  - { key: alias/a-one, rotation: { mode: automatic, interval: 30d } }",
      ...(missing ? ["  - { key: alias/gone, rotation: { mode: automatic, interval: 30d } }"] : []),
      "",
    ].join("\n"),
  );
  return path;
}

interface Entry {
  key: string;
  account?: string;
  action: string;
  error?: { code: string; message: string };
}

describe("a key read in another account than the one declared", () => {
  it("is an error naming both accounts in plan, and apply writes nothing there", async () => {
    const a = await emulatorOf(A);
    const config = configFor(B, a, "b-on-a.yaml");
    const planned = await runCli(dir, ["plan", config, "--format", "json", "--now", NOW]);
    expect(planned.code).toBe(1);
    const entry = (JSON.parse(planned.out) as { keys: Entry[] }).keys[0] as Entry;
    expect(entry).toMatchObject({ key: "alias/a-one", account: B, action: "error" });
    expect(entry.error?.code).toBe("AccountMismatch");
    expect(entry.error?.message).toContain(`declared in account ${B}`);
    expect(entry.error?.message).toContain(`reached account ${A}`);
    expect(planned.err).toContain(`account ${A}`);

    const saving = await runCli(dir, ["plan", config, "--out", join(dir, "never.json"), "--now", NOW]);
    expect(saving.code).toBe(1);
    const applied = await runCli(dir, ["apply", config, "--auto-approve", "--now", NOW]);
    expect(applied.code).toBe(1);
    expect(writes(await stats(a))).toBe(0);

    // The declared account is what audit shows, for the key it could not read and the one that is missing.
    const audited = await runCli(dir, ["audit", config, "--format", "json", "--now", NOW]);
    const keys = (JSON.parse(audited.out) as { keys: { key: string; account: string | null }[] }).keys;
    expect(keys.map((k) => [k.key, k.account])).toEqual([
      ["alias/a-one", B],
      ["alias/gone", B],
    ]);
  });

  it("by ARN, read through --endpoint of another account, is an error rather than no change", async () => {
    const a = await emulatorOf(A);
    const config = join(dir, "arn.yaml");
    writeFileSync(
      config,
      `version: 1\nkeys:\n  - { key: "acs:kms:cn-hangzhou:${B}:key/${KEY_ID}", rotation: { mode: off } }\n`,
    );
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "AKA", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "SA" };
    Object.assign(process.env, env);
    try {
      // The one key of the config, planned against account A's endpoint; its exit code with it.
      const planOne = async () => {
        const r = await runCli(dir, ["plan", config, "--format", "json", "--endpoint", a.url, "--now", NOW]);
        return { code: r.code, entry: (JSON.parse(r.out) as { keys: Entry[] }).keys[0] as Entry };
      };
      const planned = await planOne();
      expect(planned.code).toBe(1);
      expect(planned.entry).toMatchObject({
        account: B,
        action: "error",
        error: { code: "AccountMismatch" },
      });

      // The same key declared in another region than the endpoint's is not it either.
      const shanghai = `acs:kms:cn-shanghai:${A}:key/${KEY_ID}`;
      writeFileSync(config, `version: 1\nkeys:\n  - { key: "${shanghai}", rotation: { mode: off } }\n`);
      const other = await planOne();
      expect(other.code).toBe(1);
      expect(other.entry).toMatchObject({ action: "error", error: { code: "RegionMismatch" } });
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
    }
  });

  it("a saved plan applied at an endpoint it was not made against is refused before any request", async () => {
    const a = await emulatorOf(A);
    const b = await emulatorOf(B);
    const config = configFor(A, a, "a.yaml", false);
    const out = join(dir, "plan.json");
    const planned = await runCli(dir, ["plan", config, "--out", out, "--now", NOW]);
    expect(planned.code, planned.err).toBe(0);
    expect(planned.out).toContain("1 to change");
    // B holds a key with the same id, alias and history: only its account tells it apart.
    const applied = await runCli(dir, ["apply", out, "--auto-approve", "--endpoint", b.url, "--now", NOW]);
    expect(applied.code).toBe(1);
    // Refused before any request (section 14): the plan was made against the config's endpoint, not B's.
    expect(applied.err).toContain(`was made against the config's endpoints, not ${b.url}; nothing was sent`);
    const calls = await stats(b);
    expect(
      Object.values(calls).reduce((a, n) => a + n, 0),
      JSON.stringify(calls),
    ).toBe(0);
    expect(writes(await stats(a))).toBe(0);
  });
});
