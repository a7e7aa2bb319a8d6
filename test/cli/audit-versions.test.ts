// Audit's version evidence: every key declared manual has its versions counted (and only those), and a
// key at the 50-version cap is told the truth: apply cannot make its overdue version.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateAuditJson } from "../../src/contract/documents.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey, seededEmulator, stats, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let dir: string;

const SEED = `version: 1
keys:
  - alias: alias/fresh-signer
    spec: EC_P256
    created: -400d
    lastRotation: -10d
    versions: 7
  - alias: alias/capped-signer
    spec: EC_P256
    created: -2000d
    lastRotation: -40d
    versions: 50
`;

beforeEach(async () => {
  dir = tempDir();
  emu = await seededEmulator(dir, SEED);
});
afterEach(async () => {
  await emu.close();
});

function config(): string {
  createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
  return writeConfig(
    dir,
    [
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/fresh-signer\n    rotation: { mode: manual, interval: 30d }",
      "  - key: alias/capped-signer\n    rotation: { mode: manual, interval: 30d }",
    ].join("\n"),
  );
}

async function auditJson(file: string) {
  const r = await runCli(dir, ["audit", file, "--format", "json", ...at(emu)]);
  const report = JSON.parse(r.out);
  expect(validateAuditJson(report)).toEqual([]);
  const entry = (key: string) => report.keys.find((k: { key: string }) => k.key === key);
  return { code: r.code, report, entry };
}

describe("audit: versions", () => {
  it("counts the versions of every key declared manual, due or not, and of no other", async () => {
    const file = config();
    const before = await stats(emu);
    const { entry } = await auditJson(file);
    expect(entry("alias/fresh-signer")).toMatchObject({ verdict: "compliant", versionCount: 7 });
    expect(entry("alias/capped-signer").versionCount).toBe(50);
    expect(entry("alias/orders-db").versionCount).toBe(null);
    const after = await stats(emu);
    expect((after.DescribeKey ?? 0) - (before.DescribeKey ?? 0)).toBe(3);
    expect((after.ListKeyVersions ?? 0) - (before.ListKeyVersions ?? 0)).toBe(2);
  });

  it("does not tell a key at the version cap to run apply, which plan blocks", async () => {
    const file = config();
    const { code, entry } = await auditJson(file);
    expect(code).toBe(2);
    const capped = entry("alias/capped-signer");
    expect(capped.verdict).toBe("non-compliant");
    const reasons = capped.reasons.join("\n");
    expect(reasons).toMatch(/50 versions, the service's maximum of 50: no new version can be made/);
    expect(reasons).toMatch(/VersionCapReached/);
    expect(reasons).not.toMatch(/run apply/);
    // No rotation is coming for it: none is shown.
    expect(capped.nextRotation).toBe(null);
    const plan = await runCli(dir, ["plan", file, "--format", "json", ...at(emu)]);
    const planned = JSON.parse(plan.out).keys.find((k: { key: string }) => k.key === "alias/capped-signer");
    expect(planned.action).toBe("blocked");
    expect(planned.reason.code).toBe("VersionCapReached");
  });
});
