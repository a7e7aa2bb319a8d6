// A saved plan must agree with itself before it is shown or run: each key's action is what the planner
// decides from the plan's own record of the key, its `after` and its `now`, and every interval is in
// range. A hand-edited plan is refused whole, one line per key, exit 1, with no KMS call at all.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/apply/execute.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKms } from "../../src/kms/index.js";
import { DAY, type Plan } from "../../src/model/index.js";
import { at, runCli } from "../helpers/cli.js";
import { call, createKey, emulator, stats, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;
let config: string;
let keyId: string;

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
  keyId = createKey(emu, { alias: "alias/orders", rotation: "4320000s" }); // 50d
  createKey(emu, { alias: "alias/other" });
  config = writeConfig(
    dir,
    [
      "  - key: alias/orders\n    rotation: { mode: automatic, interval: 60d }",
      "  - key: alias/other\n    rotation: { mode: off }",
    ].join("\n"),
  );
});
afterEach(async () => {
  await emu.close();
});

// biome-ignore lint/suspicious/noExplicitAny: the test edits the plan file by its documented shape
async function savedPlan(edit: (json: any) => void): Promise<string> {
  const file = join(dir, "t.json");
  const planned = await runCli(dir, ["plan", config, "--out", file, ...at(emu)]);
  expect(planned.code, planned.err).toBe(0);
  const json = JSON.parse(readFileSync(file, "utf8"));
  expect(json.keys[0].action).toBe("update-rotation-policy");
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

async function calls(): Promise<number> {
  return Object.values(await stats(emu)).reduce((a, b) => a + b, 0);
}

describe("apply of a hand-edited saved plan", () => {
  it("refuses an action the plan's own record does not give, naming the key, with no KMS call", async () => {
    const file = await savedPlan((json) => {
      json.keys[0].action = "create-key-version";
    });
    const before = await calls();
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...at(emu)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("contradicts itself");
    expect(r.err).toContain(
      "alias/orders (cn-hangzhou): saved action create-key-version, but the plan's own record of the key and its after give update-rotation-policy",
    );
    expect(r.err).not.toContain("alias/other");
    expect(await calls()).toBe(before);
    expect(call(emu, "DescribeKey", { KeyId: keyId }).KeyMetadata.RotationInterval).toBe("4320000s");
  });

  it("refuses an interval out of range as a plan file, naming the key, with no KMS call", async () => {
    const file = await savedPlan((json) => {
      json.keys[0].after.interval = "1d";
    });
    const before = await calls();
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...at(emu)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      "alias/orders: /keys/0/after/interval: out of range for automatic rotation (7d to 730d)",
    );
    expect(await calls()).toBe(before);
  });

  it("refuses a keyId pointed at another key, and a before that is not what was recorded", async () => {
    const other = call(emu, "DescribeKey", { KeyId: "alias/other" }).KeyMetadata.KeyId as string;
    const file = await savedPlan((json) => {
      json.keys[0].keyId = other;
      json.keys[1].before = { mode: "automatic", interval: "30d" };
    });
    const before = await calls();
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...at(emu)]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`alias/orders (cn-hangzhou): keyId ${other} is not the recorded key ${keyId}`);
    expect(r.err).toContain(
      "alias/other (cn-hangzhou): before is automatic 30d but the recorded key has off",
    );
    expect(await calls()).toBe(before);
  });

  it("applies the plan as saved, reporting the change made", async () => {
    const file = await savedPlan(() => {});
    const r = await runCli(dir, ["apply", file, "--auto-approve", ...at(emu)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/alias\/orders +applied: set automatic rotation every 60d/);
    expect(call(emu, "DescribeKey", { KeyId: keyId }).KeyMetadata.RotationInterval).toBe(`${60 * DAY}s`);
  });
});

describe("apply results", () => {
  it("name the write made after the fresh read, not the plan's label, when the two differ", async () => {
    // A Plan value handed to the library is not a saved file: only the fresh read decides what is done.
    const plan: Plan = {
      formatVersion: 1,
      now: emu.service.now().toISOString(),
      summary: { changes: 1, blocked: 0, unchanged: 0, errors: 0 },
      keys: [
        {
          key: "alias/orders",
          keyId,
          region: "cn-hangzhou",
          action: { kind: "create-key-version" },
          after: { mode: "automatic", interval: 60 * DAY },
          warnings: [],
        },
      ],
    };
    const kms = createKms({
      region: "cn-hangzhou",
      endpoint: emu.url,
      credentials: { accessKeyId: "local", accessKeySecret: "local" },
    });
    const result = await applyPlan(plan, () => kms, { now: emu.service.now() });
    expect(result.results[0]?.outcome.status).toBe("applied");
    expect(result.results[0]?.action).toEqual({
      kind: "update-rotation-policy",
      enable: true,
      interval: 60 * DAY,
    });
    const calls = await stats(emu);
    expect(calls.UpdateRotationPolicy).toBe(1);
    expect(calls.CreateKeyVersion ?? 0).toBe(0);
  });
});
