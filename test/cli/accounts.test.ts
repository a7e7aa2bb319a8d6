// Two accounts x two regions of emulators, each account with its own credentials: account A by a profile
// of the standard credentials file, account B by a role assumed through its emulators' STS. Plan and
// apply reach each account only with its own credentials; temporary credentials are renewed; an account
// whose credentials cannot be had fails alone, in one line.

import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import {
  type AccountsWorld,
  controlStats,
  type Entry,
  identity,
  planWorld,
  startAccounts,
  useAccountCredentials,
} from "../helpers/accounts.js";
import { runCli } from "../helpers/cli.js";

let world: AccountsWorld;
useAccountCredentials();
afterEach(async () => {
  await world?.close();
});

const planJson = (args: string[]) => planWorld(world, args);

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
