// --shard i/n over two accounts x two regions: every shard of n = 1..5 covers every key exactly once with
// the unsharded actions, for plan, drift, audit and forecast; empty shards and bad values; render merges.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AccountsWorld,
  controlStats,
  type Entry,
  identity,
  planWorld,
  startAccounts,
  useAccountCredentials,
} from "../helpers/accounts.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";

let world: AccountsWorld;
useAccountCredentials();
afterEach(async () => {
  await world?.close();
});

const planJson = (args: string[]) => planWorld(world, args);

describe("shards", () => {
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

  it("validate counts the (account, region) units there are to shard", async () => {
    world = await startAccounts();
    const validated = await runCli(world.dir, ["validate", world.config]);
    expect(validated.out).toBe(
      "ok: 9 keys in 2 regions of 2 accounts (4 (account, region) units to shard)\n",
    );
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

describe("shard reports merged by render", () => {
  it("the drift JSON of shards 1..3 renders as one report equal to the unsharded one", async () => {
    world = await startAccounts();
    const drift = (extra: string[]) =>
      runCli(world.dir, ["drift", world.config, "--format", "json", "--now", world.now, ...extra]);
    const whole = JSON.parse((await drift([])).out) as { keys: Entry[] };
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const file = join(world.dir, `drift-${i}.json`);
      writeFileSync(file, (await drift(["--shard", `${i}/3`])).out);
      files.push(file);
    }
    const merged = await runCli(world.dir, ["render", ...files, "--format", "json"]);
    expect(merged.code, merged.err).toBe(0);
    const keys = (JSON.parse(merged.out) as { keys: Entry[] }).keys;
    const line = (e: Entry) => `${identity(e)} ${e.status}`;
    expect(keys.map(line).sort()).toEqual(whole.keys.map(line).sort());
    // In any order the files are given (a glob lists shard 10 before 2), the same bytes.
    const reversed = await runCli(world.dir, ["render", ...[...files].reverse(), "--format", "json"]);
    expect(reversed.out).toBe(merged.out);
    const markdown = await runCli(world.dir, ["render", ...files, "--format", "markdown"]);
    expect(markdown.out).toContain("2222222222222222/cn-hangzhou");
    // A set missing a shard is refused, naming it: no report that reads as whole (CI's summary).
    const missing = await runCli(world.dir, ["render", ...files.slice(1), "--format", "markdown"]);
    expect(missing).toEqual({
      code: 1,
      out: "",
      err:
        "error: shard 1/3 missing: these reports cover 2 of 3 shards; render every shard's report together, " +
        "or add --allow-partial to render only these\n",
    });
    const partial = await runCli(world.dir, ["render", ...files.slice(0, 2), "--allow-partial"]);
    expect(partial.code).toBe(0);
    expect(partial.err).toBe("warning: shard 3/3 missing: the merged report covers 2 of 3\n");
    expect(partial.out).not.toBe("");
  });
});

describe("audit and forecast shards merged by render", () => {
  it("the shards' JSON of audit and forecast render as the unsharded report's entries", async () => {
    world = await startAccounts();
    for (const command of ["audit", "forecast"] as const) {
      const report = (extra: string[]) =>
        runCli(world.dir, [command, world.config, "--format", "json", "--now", world.now, ...extra]);
      const lines = (out: string) => {
        const json = JSON.parse(out) as { keys?: Entry[]; rotations?: (Entry & { at: string })[] };
        return (json.keys ?? json.rotations ?? [])
          .map((e) => `${identity(e)} ${"at" in e ? e.at : ""}`)
          .sort();
      };
      const whole = lines((await report([])).out);
      const files: string[] = [];
      for (let i = 1; i <= 3; i++) {
        const file = join(world.dir, `${command}-${i}.json`);
        writeFileSync(file, (await report(["--shard", `${i}/3`])).out);
        files.push(file);
      }
      const merged = await runCli(world.dir, ["render", ...files, "--format", "json"]);
      expect(merged.code, merged.err).toBe(0);
      expect(lines(merged.out)).toEqual(whole);
    }
  });
});

describe("a saved plan of many accounts", () => {
  it("apply plan.json --shard i/n for each i applies every change once, each account with its own credentials", async () => {
    world = await startAccounts();
    const out = join(world.dir, "plan.json");
    const planned = await runCli(world.dir, ["plan", world.config, "--out", out, "--now", world.now]);
    expect(planned.code, planned.err).toBe(0);
    for (const i of [1, 2]) {
      const applied = await runCli(world.dir, [
        "apply",
        out,
        "--shard",
        `${i}/2`,
        "--auto-approve",
        "--format",
        "json",
      ]);
      expect(applied.code, applied.err).toBe(0);
    }
    const writes = await Promise.all(
      [...world.a, ...world.b].map(async (e) => (await controlStats(e)).calls),
    );
    expect(writes.map((c) => (c.UpdateRotationPolicy ?? 0) + (c.CreateKeyVersion ?? 0))).toEqual(
      world.writesPerEmulator,
    );
    // Account B's KMS calls were all signed with its role's temporary credentials, A's with its profile's.
    for (const emu of world.b) {
      const { calls, callers } = await controlStats(emu);
      expect(callers["access-key"]).toBe(calls.AssumeRole ?? 0);
    }
    for (const emu of world.a) expect((await controlStats(emu)).callers.sts).toBe(0);
  });
});

describe("import by shard", () => {
  it("takes the shard's regions of those given; a shard with none says so", async () => {
    // The default chain here holds account B's keys (useAccountCredentials): the emulator takes them.
    const emu = await emulator({ region: "cn-hangzhou", accessKeyId: "ak-b", accessKeySecret: "sk-b" });
    try {
      createKey(emu, { alias: "alias/orders" });
      const dir = tempDir();
      const regions = ["--region", "cn-shanghai", "--region", "cn-hangzhou", ...at(emu)];
      const first = await runCli(dir, ["import", ...regions, "--shard", "1/2"]);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toContain("alias/orders");
      expect(first.out).not.toContain("cn-shanghai");
      const none = await runCli(dir, ["import", ...regions, "--shard", "3/3"]);
      expect(none).toMatchObject({ code: 0, out: "" });
      expect(none.err).toMatch(/shard 3\/3 has nothing to do: 2 regions given/);
    } finally {
      await emu.close();
    }
  });
});
