// publish --shard i/n (section 2): the shards of a two-region config together publish every signing key
// exactly once, split by the same (account, region) units as every other command.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runCli } from "../helpers/cli.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";

let east: RunningEmulator;
let west: RunningEmulator;
beforeAll(async () => {
  east = await emulator({ region: "cn-hangzhou" });
  west = await emulator({ region: "cn-shanghai" });
});
afterAll(async () => {
  await east?.close();
  await west?.close();
});

describe("publish --shard", () => {
  it("shards 1/2 and 2/2 of a two-region config publish every key exactly once", async () => {
    createKey(east, { spec: "EC_P256", alias: "alias/east-signer" });
    createKey(west, { spec: "EC_P256", alias: "alias/west-signer" });
    const dir = tempDir();
    const file = join(dir, "kms.yaml");
    const signing =
      "    rotation: { mode: manual, interval: 7d }\n    signing: { publishAhead: 1d, verifyFor: 10d }";
    writeFileSync(
      file,
      [
        "version: 1",
        "provider:",
        "  alibaba:",
        "    region: cn-hangzhou",
        `    endpoints: { cn-hangzhou: "${east.url}", cn-shanghai: "${west.url}" }`,
        "keys:",
        "  - key: alias/east-signer",
        signing,
        "  - key: alias/west-signer",
        "    region: cn-shanghai",
        signing,
        "",
      ].join("\n"),
    );
    const now = ["--now", east.service.now().toISOString(), "--qps", "2000"];
    const applied = await runCli(dir, ["apply", file, "--auto-approve", ...now]);
    expect(applied.code, applied.err).toBe(0);
    const keysOf = async (extra: string[]) => {
      const run = await runCli(dir, ["publish", file, "--format", "json", ...now, ...extra]);
      expect(run.code, run.err).toBe(0);
      return (JSON.parse(run.out).keys as { key: string; region: string }[]).map(
        (k) => `${k.region} ${k.key}`,
      );
    };
    const whole = await keysOf([]);
    expect(whole).toHaveLength(2);
    const first = await keysOf(["--shard", "1/2"]);
    const second = await keysOf(["--shard", "2/2"]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect([...first, ...second].sort()).toEqual([...whole].sort());

    // Saved, the shards render as one JWK Set only when none is missing (a set lacking one would leave
    // verifiers without its keys); together they are the unsharded run's bytes, whatever their order.
    for (const [name, extra] of [
      ["whole.json", []],
      ["s1.json", ["--shard", "1/2"]],
      ["s2.json", ["--shard", "2/2"]],
    ] as const) {
      const run = await runCli(dir, ["publish", file, "--format", "json", ...now, ...extra, "--out", name]);
      expect(run.code, run.err).toBe(0);
    }
    const lone = await runCli(dir, ["render", "s1.json", "--format", "jwks"]);
    expect(lone.code).toBe(1);
    expect(lone.out).toBe("");
    expect(lone.err).toMatch(/shard 2 of 2|2\/2/);
    const partial = await runCli(dir, ["render", "s1.json", "--allow-partial"]);
    expect(partial.code, partial.err).toBe(0);
    expect(partial.err).toMatch(/^warning: /m);
    const unsharded = await runCli(dir, ["render", "whole.json"]);
    for (const order of [
      ["s1.json", "s2.json"],
      ["s2.json", "s1.json"],
    ]) {
      const merged = await runCli(dir, ["render", ...order, "--format", "jwks"]);
      expect(merged.code, merged.err).toBe(0);
      expect(merged.out).toBe(unsharded.out);
    }
  });
});
