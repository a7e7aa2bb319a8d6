import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import {
  advanceDays,
  call,
  createKey,
  emulator,
  stats,
  tempDir,
  writeConfig,
  writes,
} from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

let emu: RunningEmulator;
let dir: string;

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
});
afterEach(async () => {
  await emu.close();
});

const nowArg = () => ["--now", emu.service.now().toISOString()];
const run = (...args: string[]) => runCli(dir, [...args, ...at(emu)]);
interface PlannedKey {
  key: string;
  action: string;
  before?: unknown;
  reason?: { code: string };
}

async function planJson(file: string) {
  const r = await run("plan", file, "--format", "json");
  return {
    ...r,
    plan: JSON.parse(r.out) as { summary: Record<string, number>; keys: PlannedKey[] },
  };
}

/** One key of every kind the planner distinguishes, with the action each must get. */
function everyKind(): { config: string; expected: Record<string, string> } {
  createKey(emu, { alias: "alias/off-now" });
  createKey(emu, { alias: "alias/matched", rotation: "2592000s" });
  createKey(emu, { alias: "alias/other-interval", rotation: "365d" });
  createKey(emu, { alias: "alias/signer-due", spec: "RSA_2048" });
  createKey(emu, { alias: "alias/byok", origin: "EXTERNAL" });
  createKey(emu, { alias: "alias/sym-manual" });
  const disabled = createKey(emu, { alias: "alias/disabled" });
  call(emu, "DisableKey", { KeyId: disabled });
  const deleting = createKey(emu, { alias: "alias/deleting" });
  advanceDays(emu, 200);
  call(emu, "ScheduleKeyDeletion", { KeyId: deleting, PendingWindowInDays: "30" });
  createKey(emu, { alias: "alias/signer-fresh", spec: "EC_P256" });
  const config = [
    "  - key: alias/off-now\n    rotation: { mode: automatic, interval: 90d }",
    "  - key: alias/matched\n    rotation: { mode: automatic, interval: 720h }",
    "  - key: alias/other-interval\n    rotation: { mode: automatic, interval: 90d }",
    "  - key: alias/signer-due\n    rotation: { mode: manual, interval: 180d }",
    "  - key: alias/signer-fresh\n    rotation: { mode: manual, interval: 180d }",
    "  - key: alias/byok\n    rotation: { mode: automatic, interval: 90d }",
    "  - key: alias/sym-manual\n    rotation: { mode: manual, interval: 90d }",
    "  - key: alias/disabled\n    rotation: { mode: automatic, interval: 90d }",
    "  - key: alias/deleting\n    rotation: { mode: automatic, interval: 90d }",
    "  - key: alias/nowhere\n    rotation: { mode: off }",
  ].join("\n");
  return {
    config: `${config}\n`,
    expected: {
      "alias/off-now": "update-rotation-policy",
      "alias/matched": "none",
      "alias/other-interval": "update-rotation-policy",
      "alias/signer-due": "create-key-version",
      "alias/signer-fresh": "none",
      "alias/byok": "blocked:AutomaticRotationUnsupported",
      "alias/sym-manual": "blocked:ManualRotationUnsupported",
      "alias/disabled": "blocked:KeyDisabled",
      "alias/deleting": "blocked:KeyPendingDeletion",
      "alias/nowhere": "blocked:AliasNotFound",
    },
  };
}

describe("plan against the emulator", () => {
  it("shows the right action for every kind of key, and exits 1 because some are blocked", async () => {
    const { config, expected } = everyKind();
    const file = writeConfig(dir, config);
    const { code, plan } = await planJson(file);
    const actions = Object.fromEntries(
      plan.keys.map((k) => [k.key, k.action === "blocked" ? `blocked:${k.reason?.code}` : k.action]),
    );
    expect(actions).toEqual(expected);
    expect(plan.summary).toEqual({ changes: 3, blocked: 5, unchanged: 2 });
    expect(code).toBe(1);
    const matched = plan.keys.find((k) => k.key === "alias/matched");
    expect(matched?.before).toEqual({ mode: "automatic", interval: "30d" });
    expect(await stats(emu)).not.toHaveProperty("UpdateRotationPolicy");
  });

  it("text output reads like a diff", async () => {
    createKey(emu, { alias: "alias/orders-db" });
    const file = writeConfig(
      dir,
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n",
    );
    const { code, out } = await run("plan", file, "--detailed-exitcode");
    expect(code).toBe(2);
    expect(out).toMatch(/~ alias\/orders-db\s+rotation off -> automatic every 90d/);
    expect(out).not.toContain("\u001b[");
  });

  it("an --out that cannot be written is one error line and exit 1", async () => {
    createKey(emu, { alias: "alias/orders-db" });
    const file = writeConfig(dir, "  - key: alias/orders-db\n    rotation: { mode: off }\n");
    const { code, err } = await run("plan", file, "--out", join(dir, "no/such/plan.json"));
    expect(code).toBe(1);
    expect(err).toMatch(/^error: cannot write .*: no such file; nothing was written\n$/);
  });

  it("a bad config never reaches KMS", async () => {
    const file = writeConfig(dir, "  - key: alias/x\n    rotation: { mode: automatic, interval: 800d }\n");
    const { code, err } = await run("plan", file);
    expect(code).toBe(1);
    expect(err).toMatch(/kms\.yaml:\d+:\d+: .*800d/);
    expect(await stats(emu)).toEqual({});
    const applied = await run("apply", file, "--auto-approve");
    expect(applied.code).toBe(1);
    expect(await stats(emu)).toEqual({});
  });
});

describe("apply against the emulator", () => {
  function convergentFleet(): string {
    createKey(emu, { alias: "alias/orders-db" });
    createKey(emu, { alias: "alias/audit-logs", rotation: "365d" });
    createKey(emu, { alias: "alias/sessions", rotation: "30d" });
    createKey(emu, { alias: "alias/payments-signer", spec: "RSA_2048" });
    createKey(emu, { alias: "alias/jwt-signer", spec: "EC_P256" });
    const disabled = createKey(emu, { alias: "alias/legacy", rotation: "90d" });
    call(emu, "DisableKey", { KeyId: disabled });
    advanceDays(emu, 200);
    return writeConfig(
      dir,
      [
        "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
        "  - key: alias/audit-logs\n    rotation: { mode: automatic, interval: 180d }",
        "  - key: alias/sessions\n    rotation: { mode: off }",
        "  - key: alias/payments-signer\n    rotation: { mode: manual, interval: 180d }",
        "  - key: alias/jwt-signer\n    rotation: { mode: manual, interval: 365d }",
        "  - key: alias/legacy\n    rotation: { mode: automatic, interval: 90d }",
      ].join("\n"),
    );
  }

  it("makes it so; the next plan is empty and a second apply changes nothing", async () => {
    const file = convergentFleet();
    const first = await run("apply", file, "--auto-approve");
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/4 applied, 0 failed, 0 blocked, 2 unchanged/);
    const versions = call(emu, "ListKeyVersions", { KeyId: "alias/payments-signer" });
    expect(versions.TotalCount).toBe(2);
    expect(call(emu, "DescribeKey", { KeyId: "alias/orders-db" }).KeyMetadata.RotationInterval).toBe(
      "7776000s",
    );

    const next = await run("plan", file, "--detailed-exitcode");
    expect(next.code).toBe(0);
    const before = writes(await stats(emu));
    const again = await run("apply", file, "--auto-approve");
    expect(again.code).toBe(0);
    expect(writes(await stats(emu))).toBe(before);
  });

  it("refuses without --auto-approve when there is no TTY, changing nothing", async () => {
    const file = convergentFleet();
    const { code, out, err } = await run("apply", file);
    expect(code).toBe(1);
    expect(err).toBe("error: apply needs --auto-approve when not run on a terminal; nothing was changed\n");
    expect(out).toBe("");
    // Refused before any key is read: no quota spent on a plan no one can approve.
    expect(await stats(emu)).toEqual({});
    // What is wrong with the file is said first, as apply would have said it.
    const broken = writeConfig(dir, "  - key: alias/x\n    rotation: { mode: sometimes }", "broken.yaml");
    const refused = await run("apply", broken);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/broken\.yaml:\d+:\d+: .*mode/);
    expect(refused.err).not.toContain("--auto-approve");
  });

  it("on a TTY asks, and applies only after `yes`", async () => {
    const file = convergentFleet();
    const ask = async (input: string) => {
      const io = captureIo({ cwd: dir, tty: true, input });
      const code = await main(["apply", file, "--endpoint", emu.url, ...nowArg()], io);
      return { code, err: io.err() + io.out() };
    };
    const declined = await ask("no\n");
    expect(declined.code).toBe(1);
    expect(declined.err).toMatch(/Only 'yes' will be accepted/);
    expect(writes(await stats(emu))).toBe(0);
    const approved = await ask("yes\n");
    expect(approved.err).toMatch(/Enter a value/);
    expect(approved.code, approved.err).toBe(0);
    expect(writes(await stats(emu))).toBe(4);
  });

  it("--format json prints one JSON document: the result of each key", async () => {
    const file = convergentFleet();
    const { code, out } = await run("apply", file, "--auto-approve", "--format", "json");
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.summary).toEqual({ applied: 4, unchanged: 2, blocked: 0, failed: 0 });
    expect(result.keys.find((k: { key: string }) => k.key === "alias/payments-signer")).toMatchObject({
      action: "create-key-version",
      status: "applied",
    });
  });

  it("applies a saved plan, and refuses a stale one whole, naming each key that moved", async () => {
    const file = convergentFleet();
    const planFile = join(dir, "plan.json");
    expect((await run("plan", file, "--out", planFile)).code).toBe(0);
    const saved = JSON.parse(readFileSync(planFile, "utf8"));
    expect(saved.saved.config).toBe(file);
    expect(saved.keys[0].observed.keyState).toBe("Enabled");

    call(emu, "UpdateRotationPolicy", {
      KeyId: "alias/sessions",
      EnableAutomaticRotation: "true",
      RotationInterval: "60d",
    });
    const stale = await run("apply", planFile, "--auto-approve");
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/stale/);
    expect(stale.err).toMatch(/alias\/sessions/);
    expect(stale.err).not.toMatch(/alias\/orders-db/);
    expect(writes(await stats(emu))).toBe(0);

    expect((await run("plan", file, "--out", planFile)).code).toBe(0);
    const fresh = await run("apply", planFile, "--auto-approve");
    expect(fresh.code).toBe(0);
    expect((await run("plan", file, "--detailed-exitcode")).code).toBe(0);
  });

  it("applies a saved plan on its staleness check's reads: one read per key, one write per change", async () => {
    const file = convergentFleet();
    const planFile = join(dir, "plan.json");
    expect((await run("plan", file, "--out", planFile)).code).toBe(0);
    const before = await stats(emu);
    const applied = await run("apply", planFile, "--auto-approve");
    expect(applied.code).toBe(0);
    const after = await stats(emu);
    const sent = (action: string) => (after[action] ?? 0) - (before[action] ?? 0);
    // Six keys checked against their fingerprints; the four changes write on those reads.
    expect(sent("DescribeKey")).toBe(6);
    expect(sent("ListKeyVersions")).toBe(1);
    expect(writes(after) - writes(before)).toBe(4);
    expect((await run("plan", file, "--detailed-exitcode")).code).toBe(0);
  });

  it("a plan file that is not a plan is refused with the problem", async () => {
    const planFile = join(dir, "plan.json");
    writeFileSync(planFile, JSON.stringify({ formatVersion: 2, keys: [] }));
    const { code, err } = await run("apply", planFile, "--auto-approve");
    expect(code).toBe(1);
    expect(err).toMatch(/not a valid plan/);
  });
});

describe("apply under faults", () => {
  it("converges under --fault-rate 0.3, and no due key ever gets two versions", async () => {
    await emu.close();
    emu = await emulator({ region: "cn-hangzhou", faultRate: 0.3 });
    const signers = Array.from({ length: 12 }, (_, i) => `alias/signer-${i}`);
    for (const alias of signers) createKey(emu, { alias, spec: "RSA_2048" });
    for (let i = 0; i < 12; i++) createKey(emu, { alias: `alias/data-${i}` });
    advanceDays(emu, 100);
    const file = writeConfig(
      dir,
      [
        ...signers.map((a) => `  - key: ${a}\n    rotation: { mode: manual, interval: 90d }`),
        ...Array.from(
          { length: 12 },
          (_, i) => `  - key: alias/data-${i}\n    rotation: { mode: automatic, interval: 30d }`,
        ),
      ].join("\n"),
    );
    let code = -1;
    for (let attempt = 0; attempt < 10 && code !== 0; attempt++) {
      code = (await run("apply", file, "--auto-approve")).code;
    }
    expect(code).toBe(0);
    for (const alias of signers) {
      expect(call(emu, "ListKeyVersions", { KeyId: alias }).TotalCount, alias).toBe(2);
    }
    const calls = await stats(emu);
    expect(calls.CreateKeyVersion).toBeGreaterThanOrEqual(12);
  });
});
