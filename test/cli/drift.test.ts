import { describe, expect, it } from "vitest";
import { parseStringPromise } from "xml2js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, stats, writeConfig, writes } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

async function drift(file: string, ...args: string[]) {
  return runCli(lab.dir, ["drift", file, ...args, ...at(lab.emu)]);
}

const DECLARED = [
  "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
  "  - key: alias/audit-logs\n    rotation: { mode: automatic, interval: 365d }",
  "  - key: alias/backups\n    rotation: { mode: off }",
  "  - key: alias/signer\n    rotation: { mode: manual, interval: 180d }",
  "  - key: alias/legacy\n    rotation: { mode: automatic, interval: 30d }",
].join("\n");

function inSyncFleet(): string {
  createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/audit-logs", rotation: "365d" });
  createKey(lab.emu, { alias: "alias/backups" });
  createKey(lab.emu, { alias: "alias/signer", spec: "RSA_2048" });
  createKey(lab.emu, { alias: "alias/legacy", rotation: "30d" });
  return writeConfig(lab.dir, DECLARED);
}

async function statuses(file: string, ...args: string[]) {
  const r = await drift(file, "--format", "json", ...args);
  const report = JSON.parse(r.out) as { inSync: boolean; keys: { key: string; status: string }[] };
  return { code: r.code, report, byKey: Object.fromEntries(report.keys.map((k) => [k.key, k.status])) };
}

describe("drift", () => {
  it("is in sync and exits 0 when every key rotates as declared, and never writes", async () => {
    const file = inSyncFleet();
    const { code, report } = await statuses(file);
    expect(report.inSync).toBe(true);
    expect(code).toBe(0);
    expect(writes(await stats(lab.emu))).toBe(0);
  });

  it("reports each hand-made change with the right status and exit 2", async () => {
    const file = inSyncFleet();
    call(lab.emu, "UpdateRotationPolicy", { KeyId: "alias/orders-db", EnableAutomaticRotation: "false" });
    call(lab.emu, "UpdateRotationPolicy", {
      KeyId: "alias/audit-logs",
      EnableAutomaticRotation: "true",
      RotationInterval: "180d",
    });
    call(lab.emu, "DisableKey", { KeyId: "alias/legacy" });
    createKey(lab.emu, { alias: "alias/shadow-it" });
    advanceDays(lab.emu, 181);
    call(lab.emu, "ScheduleKeyDeletion", { KeyId: "alias/backups", PendingWindowInDays: "7" });
    const { code, byKey } = await statuses(file, "--include-unmanaged");
    expect(code).toBe(2);
    expect(byKey).toMatchObject({
      "alias/orders-db": "drifted",
      "alias/audit-logs": "drifted",
      "alias/legacy": "blocked",
      "alias/signer": "due",
      "alias/shadow-it": "unmanaged",
    });
    // Settings match (off) on a key pending deletion: nothing declared to happen is not happening.
    expect(byKey["alias/backups"]).toBe("in-sync");
  });

  it("a missing key is missing; a key scheduled for deletion with rotation declared is blocked", async () => {
    const file = inSyncFleet();
    call(lab.emu, "ScheduleKeyDeletion", { KeyId: "alias/orders-db", PendingWindowInDays: "7" });
    call(lab.emu, "DeleteAlias", { AliasName: "alias/audit-logs" });
    const { byKey, code } = await statuses(file);
    expect(byKey["alias/orders-db"]).toBe("blocked");
    expect(byKey["alias/audit-logs"]).toBe("missing");
    expect(code).toBe(2);
  });

  it("unmanaged keys are listed only when asked, and ignore rules hide them", async () => {
    const file = inSyncFleet();
    createKey(lab.emu, { alias: "alias/test-scratch" });
    createKey(lab.emu, { alias: "alias/shadow-it" });
    expect((await statuses(file)).code).toBe(0);
    const ignoring = writeConfig(lab.dir, `${DECLARED}\nignore:\n  - key: alias/test-*\n`, "ignoring.yaml");
    const { byKey } = await statuses(ignoring, "--include-unmanaged");
    expect(byKey["alias/shadow-it"]).toBe("unmanaged");
    expect(byKey).not.toHaveProperty("alias/test-scratch");
  });

  it("renders the same statuses as text, markdown and JUnit XML", async () => {
    const file = inSyncFleet();
    call(lab.emu, "UpdateRotationPolicy", { KeyId: "alias/orders-db", EnableAutomaticRotation: "false" });
    const text = await drift(file);
    expect(text.code).toBe(2);
    expect(text.out).toMatch(/alias\/orders-db/);
    expect(text.out).toMatch(/drifted/);
    const md = await drift(file, "--format", "markdown");
    expect(md.code).toBe(2);
    expect(md.out).toMatch(/\| .*alias\/orders-db/);
    const junit = await drift(file, "--format", "junit");
    expect(junit.code).toBe(2);
    const xml = await parseStringPromise(junit.out);
    const cases = xml.testsuites.testsuite.flatMap((s: { testcase: unknown[] }) => s.testcase);
    expect(cases).toHaveLength(5);
    const failures = cases.filter((c: { failure?: unknown }) => c.failure);
    expect(failures).toHaveLength(1);
  });
});
