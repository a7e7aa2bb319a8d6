// A saved plan names where it was made; `apply plan.json` sends requests only where this run resolves
// (--endpoint, KMS_ROTATION_ENDPOINT, the config the plan came from) and refuses, before any request, a
// plan recorded against another endpoint: credentials never go to an endpoint taken from the plan file.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";
import { type ProxyServer, startProxy } from "../helpers/proxy.js";

useBuiltCli();

let emu: RunningEmulator;
let elsewhere: ProxyServer;
let reachedElsewhere = 0;

beforeAll(async () => {
  emu = await emulator();
  createKey(emu, { alias: "alias/orders" });
  // Stands for a host someone edited into a plan file: it must never receive a request.
  elsewhere = await startProxy(emu.url, {
    answer: () => {
      reachedElsewhere += 1;
      return false;
    },
  });
});
afterAll(async () => {
  await elsewhere?.close();
  await emu?.close();
});

const KEYS = "keys:\n  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n";

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { KMS_ROTATION_ENDPOINT: _, ...rest } = process.env;
  return { ...rest, ...extra };
}

async function savedPlan(dir: string, config: string, args: readonly string[] = []): Promise<void> {
  writeFileSync(join(dir, "kms.yaml"), config);
  const now = emu.service.now().toISOString();
  const run = await runBuilt(dir, ["plan", "kms.yaml", "--out", "plan.json", "--now", now, ...args], env());
  expect(run.code).toBe(0);
}

const alibaba = (endpoints = "") =>
  `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\n${endpoints}${KEYS}`;

describe("apply plan.json: only where this run resolves", () => {
  test("made with --endpoint, applied without one: refused, nothing sent", async () => {
    const dir = tempDir();
    await savedPlan(dir, alibaba(), ["--endpoint", emu.url]);
    const run = await runBuilt(dir, ["apply", "plan.json", "--auto-approve"], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`was made against ${emu.url}`);
    expect(run.stderr).toContain("nothing was sent");
  });

  test("KMS_ROTATION_ENDPOINT pointing elsewhere: refused, nothing reaches it", async () => {
    const dir = tempDir();
    await savedPlan(dir, alibaba(), ["--endpoint", emu.url]);
    const before = reachedElsewhere;
    const run = await runBuilt(
      dir,
      ["apply", "plan.json", "--auto-approve"],
      env({ KMS_ROTATION_ENDPOINT: elsewhere.url }),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`not ${elsewhere.url}`);
    expect(reachedElsewhere).toBe(before);
  });

  test("the same endpoint spelled localhost is the same endpoint: applied", async () => {
    const dir = tempDir();
    await savedPlan(dir, alibaba(), ["--endpoint", emu.url]);
    const local = emu.url.replace("127.0.0.1", "localhost");
    const run = await runBuilt(dir, ["apply", "plan.json", "--auto-approve", "--endpoint", local], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  test("an endpoint edited into the plan file: refused, no request (and no credentials) reach it", async () => {
    const dir = tempDir();
    await savedPlan(dir, alibaba(), ["--endpoint", emu.url]);
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
    plan.saved.provider.endpoint = elsewhere.url;
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    const before = reachedElsewhere;
    const run = await runBuilt(
      dir,
      ["apply", "plan.json", "--auto-approve"],
      env({ ALIBABA_CLOUD_ACCESS_KEY_ID: "local", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "local" }),
    );
    expect(run.code).toBe(1);
    expect(reachedElsewhere).toBe(before);
  });

  test("endpoints: edited in the plan but not in its config: refused, nothing reaches them", async () => {
    const dir = tempDir();
    await savedPlan(dir, alibaba(`    endpoints: { cn-hangzhou: "${emu.url}" }\n`));
    const plan = JSON.parse(readFileSync(join(dir, "plan.json"), "utf8"));
    plan.saved.provider.endpoints = { "cn-hangzhou": elsewhere.url };
    writeFileSync(join(dir, "plan.json"), JSON.stringify(plan));
    const before = reachedElsewhere;
    const run = await runBuilt(dir, ["apply", "plan.json", "--auto-approve"], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("names other endpoints than the config it came from (kms.yaml)");
    expect(reachedElsewhere).toBe(before);
  });
});
