import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { lockWriteTargets } from "../../src/app/write-lock.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { canonicalEndpoint, resolveEndpoint } from "../../src/kms/endpoint.js";
import { type BuiltRun, quickstartOnAlibaba, ROOT, runBuilt, useBuiltCli } from "../helpers/built.js";

let dir: string;
let locks: string;
let emu: RunningEmulator;

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-remote-lock-"));
  // The children's (and this process's) temp directory: their lock files live here, apart from others'.
  locks = join(dir, "tmp");
  mkdirSync(locks);
  // The quickstart's keys, reached over the network instead of through provider.local.
  writeFileSync(join(dir, "cfg.yaml"), quickstartOnAlibaba());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
  emu = await startEmulator({
    region: "cn-hangzhou",
    seedPath: join(ROOT, "examples", "quickstart-fleet.yaml"),
    latencyMs: 200,
  });
});
afterEach(() => emu.close());

function cli(args: readonly string[], endpoint = emu.url): Promise<BuiltRun> {
  return runBuilt(dir, [...args, "--endpoint", endpoint], { ...process.env, TMPDIR: locks, NO_COLOR: "1" });
}

/** Versions of every key the config names, by key. */
function versions(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) {
    const outcome = emu.service.call("ListKeyVersions", { KeyId: key, PageSize: "1" });
    if (!outcome.ok) throw new Error(outcome.error.message);
    counts[key] = outcome.body.TotalCount as number;
  }
  return counts;
}

async function plannedKeys(): Promise<{ keys: string[]; due: Set<string> }> {
  const planned = await cli(["plan", "cfg.yaml", "--format", "json"]);
  expect(planned.code).toBe(0);
  const plan = JSON.parse(planned.stdout) as { keys: { key: string; action: string }[] };
  // Every key that exists (a blocked one may be missing from the fleet on purpose).
  const keys = plan.keys
    .filter((k) => emu.service.call("DescribeKey", { KeyId: k.key }).ok)
    .map((k) => k.key);
  const due = new Set(plan.keys.filter((k) => k.action === "create-key-version").map((k) => k.key));
  return { keys, due };
}

const REFUSAL =
  /^error: another apply to http:\/\/(127\.0\.0\.1|localhost):\d+ is running on this machine: pid \d+ since \S+ \(waited \d+ s\); nothing was changed\. Run one apply per account at a time\n$/;

describe("apply against a KMS over the network: one run per endpoint and account on this machine", () => {
  test("two concurrent applies: every due key gets exactly one new version", async () => {
    const { keys, due } = await plannedKeys();
    expect(due.has("alias/ledger-dek")).toBe(true);
    const before = versions(keys);
    const runs = await Promise.all([
      cli(["apply", "cfg.yaml", "--auto-approve"]),
      cli(["apply", "cfg.yaml", "--auto-approve"]),
    ]);
    for (const run of runs) {
      // The second either waited for the first and found nothing to do, or refused in one line.
      if (run.code === 1) expect(run.stderr).toMatch(REFUSAL);
      else expect(run.code).toBe(0);
    }
    expect(runs.some((r) => r.code === 0)).toBe(true);
    const after = versions(keys);
    // A due key gets one version; enabling automatic rotation on an overdue key may make one too; none two.
    for (const key of keys) {
      const added = (after[key] ?? 0) - (before[key] ?? 0);
      expect({ key, added }).toEqual({ key, added: due.has(key) ? 1 : Math.min(added, 1) });
    }
    const again = await cli(["plan", "cfg.yaml", "--detailed-exitcode"]);
    expect(again.code).toBe(0);
  }, 120_000);

  test("two concurrent applies via http://127.0.0.1:P and http://localhost:P: one lock, one version per due key", async () => {
    const { keys, due } = await plannedKeys();
    // Manual keys in a KMS instance: the service has no 7-day rule for them to stop a second version.
    expect(due.has("alias/ledger-dek")).toBe(true);
    const before = versions(keys);
    const runs = await Promise.all([
      cli(["apply", "cfg.yaml", "--auto-approve"]),
      cli(["apply", "cfg.yaml", "--auto-approve"], emu.url.replace("127.0.0.1", "localhost")),
    ]);
    for (const run of runs) {
      if (run.code === 1) expect(run.stderr).toMatch(REFUSAL);
      else expect(run.code).toBe(0);
    }
    const after = versions(keys);
    for (const key of due)
      expect({ key, added: (after[key] ?? 0) - (before[key] ?? 0) }).toEqual({ key, added: 1 });
  }, 120_000);

  test("an apply that cannot get the lock in time refuses in one line naming the holder; plan does not lock", async () => {
    const { keys } = await plannedKeys();
    const before = versions(keys);
    // Held under the canonical name, as a run spelling the endpoint `localhost` would hold it.
    const key = await canonicalEndpoint(
      resolveEndpoint("cn-hangzhou", emu.url.replace("127.0.0.1", "localhost")),
    );
    const held = await lockWriteTargets([{ endpoint: emu.url, key }], 0);
    try {
      const plan = await cli(["plan", "cfg.yaml", "--detailed-exitcode"]);
      expect(plan.code).toBe(2);
      const run = await cli(["apply", "cfg.yaml", "--auto-approve"]);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: "" });
      expect(run.stderr).toMatch(REFUSAL);
      expect(run.stderr).toContain(`pid ${process.pid} since `);
      expect(versions(keys)).toEqual(before);
    } finally {
      held.release();
    }
  }, 120_000);
});
