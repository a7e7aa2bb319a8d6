// Two accounts x two regions of emulators, each account with its own credentials: account A by a profile
// of the standard credentials file, account B by a role assumed through its emulators' STS. Plan and
// apply reach each account only with its own credentials, and every --shard i/n covers every key once.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { type AccountsWorld, controlStats, startAccounts } from "../helpers/accounts.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fleet.js";

let world: AccountsWorld;
const saved = { ...process.env };

beforeAll(() => {
  // The default chain and the profile file are read from the process environment by @alicloud/credentials.
  const dir = tempDir();
  const file = join(dir, "credentials");
  writeFileSync(file, "[team-a]\ntype = access_key\naccess_key_id = ak-a\naccess_key_secret = sk-a\n");
  process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
  process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "ak-b";
  process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "sk-b";
});
afterAll(() => {
  for (const name of [
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  ]) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});
afterEach(async () => {
  await world?.close();
});

interface Entry {
  key: string;
  account?: string;
  region: string;
  action?: string;
  status?: string;
}

const identity = (e: Entry) => `${e.account ?? "-"} ${e.region} ${e.key}`;

async function planJson(args: string[]) {
  const run = await runCli(world.dir, [
    "plan",
    world.config,
    "--format",
    "json",
    "--now",
    world.now,
    ...args,
  ]);
  return {
    ...run,
    json: run.code <= 2 && run.out ? (JSON.parse(run.out) as { keys: Entry[]; shard?: unknown }) : undefined,
  };
}

/** Every authentic KMS call an emulator answered was signed by its own account's kind of credentials. */
async function expectOwnCredentials(emu: RunningEmulator, kind: "access-key" | "sts") {
  const { calls, callers } = await controlStats(emu);
  const kms = Object.entries(calls).reduce((n, [action, c]) => (action === "AssumeRole" ? n : n + c), 0);
  expect(kms).toBeGreaterThan(0);
  // Every request was authentic (no other account's key was ever tried) and signed as expected.
  if (kind === "access-key") {
    expect(callers).toEqual({ "access-key": kms, sts: 0 });
  } else {
    expect(callers).toEqual({ "access-key": calls.AssumeRole ?? 0, sts: kms });
  }
}

describe("many accounts", () => {
  it("plan and apply reach each account only with its own credentials", async () => {
    world = await startAccounts();
    const planned = await planJson([]);
    expect(planned.code).toBe(0);
    const actions = Object.fromEntries((planned.json?.keys ?? []).map((e) => [identity(e), e.action]));
    expect(actions).toEqual(world.expected);
    for (const emu of world.a) await expectOwnCredentials(emu, "access-key");
    for (const emu of world.b) await expectOwnCredentials(emu, "sts");
    // Resolved once per account: one AssumeRole for the whole run, on the account's STS endpoint.
    expect((await controlStats(world.b[0] as RunningEmulator)).calls.AssumeRole).toBe(1);

    const applied = await runCli(world.dir, ["apply", world.config, "--auto-approve", "--now", world.now]);
    expect(applied.code, applied.err).toBe(0);
    for (const emu of world.a) await expectOwnCredentials(emu, "access-key");
    for (const emu of world.b) await expectOwnCredentials(emu, "sts");
    const writes = await Promise.all(
      [...world.a, ...world.b].map(async (e) => (await controlStats(e)).calls),
    );
    expect(writes.map((c) => (c.UpdateRotationPolicy ?? 0) + (c.CreateKeyVersion ?? 0))).toEqual(
      world.writesPerEmulator,
    );
    const again = await planJson([]);
    expect(again.json?.keys.filter((e) => e.action !== "none")).toEqual([]);
  });

  it("every --shard i/n for n = 1..5 covers every key exactly once, with the unsharded actions", async () => {
    world = await startAccounts();
    const whole = await planJson([]);
    const expected = (whole.json?.keys ?? []).map((e) => `${identity(e)} ${e.action}`).sort();
    for (let n = 1; n <= 5; n++) {
      const seen: string[] = [];
      for (let i = 1; i <= n; i++) {
        const part = await planJson(["--shard", `${i}/${n}`]);
        expect(part.code, part.err).toBe(0);
        expect(part.json?.shard).toMatchObject({ index: i, count: n });
        seen.push(...(part.json?.keys ?? []).map((e) => `${identity(e)} ${e.action}`));
        // 4 units: shard 5 of 5 holds none, says so, and exits 0.
        if (i > 4)
          expect(part.err).toMatch(
            /shard 5\/5 has nothing to do: no \(account, region\) unit of .*kms\.yaml falls to it/,
          );
      }
      expect(seen.sort()).toEqual(expected);
    }
  });

  it("a shard's drift report and apply cover only its units", async () => {
    world = await startAccounts();
    const drift = await runCli(world.dir, [
      "drift",
      world.config,
      "--format",
      "json",
      "--now",
      world.now,
      "--shard",
      "3/4",
    ]);
    expect(drift.code).toBe(2);
    const report = JSON.parse(drift.out) as { keys: Entry[]; shard: { units: unknown[] } };
    expect(report.shard.units).toEqual([{ account: "2222222222222222", region: "cn-hangzhou" }]);
    expect(new Set(report.keys.map((k) => `${k.account} ${k.region}`))).toEqual(
      new Set(["2222222222222222 cn-hangzhou"]),
    );
    const empty = await runCli(world.dir, [
      "apply",
      world.config,
      "--auto-approve",
      "--now",
      world.now,
      "--shard",
      "5/5",
    ]);
    expect(empty).toMatchObject({ code: 0, out: expect.stringMatching(/^shard 5\/5 has nothing to do/) });
  });

  it("--shard 0/n, i>n and malformed values are one-line usage errors", async () => {
    const dir = tempDir();
    for (const [value, message] of [
      ["0/3", "error: --shard: shards are numbered from 1, so 0/3 does not exist"],
      ["4/3", "error: --shard: 4/3 does not exist: there are only 3 shards"],
      ["x", 'error: --shard must be <i>/<n>, the i-th of n shards with 1 <= i <= n (got "x")'],
    ] as const) {
      for (const command of ["plan", "apply", "drift"]) {
        const run = await runCli(dir, [command, "kms.yaml", "--shard", value]);
        expect(run).toEqual({
          code: 1,
          out: "",
          err: `${message}; see \`kms-rotation ${command} --help\`\n`,
        });
      }
    }
  });
});

describe("temporary credentials during a long run", () => {
  it("an STS token that expires mid-run is renewed, and every key is still planned", async () => {
    // B's emulators issue 2-second credentials; 100 ms per call, one at a time, makes the run outlast them.
    world = await startAccounts({ sessionSeconds: 2, latencyMs: 100, extraKeysB: 18 });
    const planned = await planJson(["--concurrency", "1"]);
    expect(planned.code, planned.err).toBe(0);
    const actions = Object.fromEntries((planned.json?.keys ?? []).map((e) => [identity(e), e.action]));
    expect(actions).toEqual(world.expected);
    const { calls } = await controlStats(world.b[0] as RunningEmulator);
    expect(calls.AssumeRole).toBeGreaterThanOrEqual(2);
    // No call was refused for an expired token: every request was authentic, all with STS credentials.
    for (const emu of world.b) await expectOwnCredentials(emu, "sts");
  });
});

describe("an account whose credentials cannot be had", () => {
  const B_KEYS = 5;
  const A_KEYS = 4;

  it("a wrong role fails with one line naming the account; the other account's keys are still planned", async () => {
    world = await startAccounts({ roleArn: "acs:ram::2222222222222222:role/nope" });
    const planned = await planJson([]);
    expect(planned.code).toBe(1);
    expect(planned.err).toBe(
      "error: account 2222222222222222: cannot assume role acs:ram::2222222222222222:role/nope: " +
        `EntityNotExist.Role: The role not exists: acs:ram::2222222222222222:role/nope; ${B_KEYS} keys of it not read\n`,
    );
    const keys = planned.json?.keys ?? [];
    const ofA = keys.filter((k) => k.account === "1111111111111111");
    const ofB = keys.filter((k) => k.account === "2222222222222222");
    expect(ofA).toHaveLength(A_KEYS);
    expect(ofA.every((k) => k.action !== "error")).toBe(true);
    expect(ofB.map((k) => [k.action, (k as { error?: { code: string } }).error?.code])).toEqual(
      Array.from({ length: B_KEYS }, () => ["error", "AccountCredentialsFailed"]),
    );
    // Asked once for the whole account, not once per key; B's KMS never reached.
    const { calls } = await controlStats(world.b[0] as RunningEmulator);
    expect(calls).toEqual({ AssumeRole: 1 });
  });

  it("a missing profile fails with one line naming the account; the other account's keys are still planned", async () => {
    world = await startAccounts({ profile: "no-such-profile" });
    const drift = await runCli(world.dir, ["drift", world.config, "--format", "json", "--now", world.now]);
    expect(drift.code).toBe(1);
    expect(drift.err.trimEnd().split("\n")).toEqual([
      expect.stringMatching(
        /^error: account 1111111111111111: no usable credentials from profile "no-such-profile": .*; 4 keys of it not read$/,
      ),
    ]);
    const report = JSON.parse(drift.out) as { keys: Entry[] };
    expect(report.keys.filter((k) => k.account === "1111111111111111").map((k) => k.status)).toEqual(
      Array.from({ length: A_KEYS }, () => "error"),
    );
    const ofB = report.keys.filter((k) => k.account === "2222222222222222");
    expect(ofB).toHaveLength(B_KEYS);
    expect(ofB.every((k) => k.status !== "error")).toBe(true);
  });
});

describe("audit and forecast by shard", () => {
  it("every --shard i/n of audit and forecast covers every key once, as the unsharded report does", async () => {
    world = await startAccounts();
    const report = async (command: "audit" | "forecast", extra: string[]) => {
      const r = await runCli(world.dir, [
        command,
        world.config,
        "--format",
        "json",
        "--now",
        world.now,
        ...extra,
      ]);
      expect(r.code, r.err).toBeLessThanOrEqual(2);
      const json = JSON.parse(r.out) as {
        keys?: Entry[];
        rotations?: (Entry & { at: string; kind: string })[];
        shard?: { count: number };
      };
      if (command === "audit")
        return (json.keys ?? []).map((k) => `${identity(k)} ${(k as { verdict?: string }).verdict}`);
      return (json.rotations ?? []).map((k) => `${identity(k)} ${k.at} ${k.kind}`);
    };
    for (const command of ["audit", "forecast"] as const) {
      const whole = (await report(command, [])).sort();
      expect(whole.length).toBeGreaterThan(0);
      // Every entry names its account: the same alias in two accounts is told apart.
      expect(whole.every((line) => /^(1111111111111111|2222222222222222) /.test(line))).toBe(true);
      for (const n of [2, 3, 5]) {
        const parts: string[] = [];
        for (let i = 1; i <= n; i++) parts.push(...(await report(command, ["--shard", `${i}/${n}`])));
        expect(parts.sort()).toEqual(whole);
      }
    }
  });
});
