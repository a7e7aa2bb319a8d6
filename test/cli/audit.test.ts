import { describe, expect, it } from "vitest";
import { validateAuditJson } from "../../src/contract/documents.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, stats, T0, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

// A service-managed key and a BYOK key come from a seed fleet: neither can be made through the API.
const SEED = `version: 1
instances:
  kst-hsm-0001: hsm
keys:
  - alias: alias/acs/oss
    creator: Oss
  - alias: alias/byok
    origin: EXTERNAL
    state: PendingImport
  - alias: alias/in-hsm
    dkmsInstanceId: kst-hsm-0001
    protectionLevel: HSM
`;

const lab = useLab(SEED);

const POLICY = "policy:\n  maxInterval: 365d\n  requireRotation: true\n";

/** A fleet with one key for every verdict; `extra` goes after the key list. */
function fleet(): string {
  createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/hand-rotated", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/legacy-batch" });
  createKey(lab.emu, { alias: "alias/expired-exception" });
  createKey(lab.emu, { alias: "alias/signer", spec: "RSA_2048" });
  createKey(lab.emu, { alias: "alias/old-signer", spec: "RSA_2048" });
  createKey(lab.emu, { alias: "alias/retired", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/shadow-it" });
  advanceDays(lab.emu, 100);
  // Someone lengthened the interval in the console, past what the policy allows.
  call(lab.emu, "UpdateRotationPolicy", {
    KeyId: "alias/hand-rotated",
    EnableAutomaticRotation: "true",
    RotationInterval: "730d",
  });
  call(lab.emu, "CreateKeyVersion", { KeyId: "alias/signer" });
  call(lab.emu, "DisableKey", { KeyId: "alias/retired" });
  return writeConfig(
    lab.dir,
    `${[
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/hand-rotated\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/legacy-batch\n    rotation: { mode: off }\n" +
        '    exception: { reason: "vendor appliance; ticket SEC-142", expires: 2026-12-31 }',
      "  - key: alias/expired-exception\n    rotation: { mode: off }\n" +
        '    exception: { reason: "was waiting for a migration", expires: 2026-03-01 }',
      "  - key: alias/signer\n    rotation: { mode: manual, interval: 180d }",
      "  - key: alias/old-signer\n    rotation: { mode: manual, interval: 60d }",
      "  - key: alias/retired\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/acs/oss\n    rotation: { mode: off }",
      "  - key: alias/byok\n    rotation: { mode: off }",
    ].join("\n")}\n${POLICY}`,
  );
}

async function audit(file: string, ...args: string[]) {
  return runCli(lab.dir, ["audit", file, ...args, ...at(lab.emu)]);
}

async function verdicts(file: string, ...args: string[]) {
  const r = await audit(file, "--format", "json", ...args);
  // biome-ignore lint/suspicious/noExplicitAny: the report is checked against its schema below
  const report = JSON.parse(r.out) as any;
  expect(validateAuditJson(report)).toEqual([]);
  const byKey = Object.fromEntries(
    report.keys.map((k: { key: string; verdict: string }) => [k.key, k.verdict]),
  );
  return { code: r.code, report, byKey, err: r.err };
}

describe("audit", () => {
  it("gives every kind of key its verdict, exits 2 on a breach, and sends no write", async () => {
    const file = fleet();
    const before = await stats(lab.emu);
    const { code, byKey, report } = await verdicts(file, "--include-unmanaged");
    expect(byKey).toEqual({
      "alias/orders-db": "compliant",
      "alias/hand-rotated": "non-compliant",
      "alias/legacy-batch": "exempt",
      "alias/expired-exception": "non-compliant",
      "alias/signer": "compliant",
      "alias/old-signer": "non-compliant",
      "alias/retired": "not-applicable",
      "alias/acs/oss": "not-applicable",
      "alias/byok": "not-applicable",
      "alias/shadow-it": "non-compliant",
      // Undeclared, and in an HSM KMS instance: it cannot rotate, so it is never counted against the policy.
      "alias/in-hsm": "not-applicable",
    });
    expect(code).toBe(2);
    expect(report.summary).toEqual({ keys: 11, compliant: 2, nonCompliant: 4, exempt: 1, notApplicable: 4 });
    expect(report.policy).toEqual({ maxInterval: "365d", requireRotation: true, source: "config" });
    const after = await stats(lab.emu);
    const wrote = Object.keys(after).filter(
      (action) => !/^(Describe|List|Get)/.test(action) && after[action] !== before[action],
    );
    expect(wrote).toEqual([]);
  });

  it("reports each key's evidence as KMS has it", async () => {
    const file = fleet();
    const { report } = await verdicts(file);
    const entry = (key: string) => report.keys.find((k: { key: string }) => k.key === key);
    const now = Date.parse(report.now);
    expect(entry("alias/hand-rotated")).toMatchObject({
      rotation: { automatic: "Enabled", interval: "730d" },
      spec: "Aliyun_AES_256",
      state: "Enabled",
      versionCount: null,
    });
    expect(entry("alias/hand-rotated").reasons.join()).toMatch(
      /730d, less often than policy.maxInterval 365d/,
    );
    expect(entry("alias/old-signer")).toMatchObject({
      rotation: { automatic: "Disabled", interval: null },
      versionCount: 1,
      lastRotation: T0.toISOString().replace(".000", ""),
      currentVersionAge: Math.floor((now - T0.getTime()) / 1000),
    });
    expect(entry("alias/old-signer").reasons.join()).toMatch(/older than its manual interval 60d/);
    // Versions are read for every key declared manual (section 9), due or not: created, then one more.
    expect(entry("alias/signer").versionCount).toBe(2);
    expect(entry("alias/signer").nextRotation).toBe(
      new Date(T0.getTime() + (100 + 180) * 86_400_000).toISOString().replace(".000", ""),
    );
    expect(entry("alias/orders-db").account).toMatch(/^[0-9]+$/);
    expect(entry("alias/legacy-batch").reasons.join()).toMatch(
      /exception until 2026-12-31: vendor appliance/,
    );
    expect(entry("alias/expired-exception").reasons.join()).toMatch(/exception expired on 2026-03-01/);
    expect(entry("alias/acs/oss").reasons.join()).toMatch(/service-managed/);
    expect(entry("alias/byok").reasons.join()).toMatch(/BYOK/);
    const unmanaged = (await verdicts(file, "--include-unmanaged")).report;
    const hsm = unmanaged.keys.find((k: { key: string }) => k.key === "alias/in-hsm");
    expect(hsm.reasons.join()).toMatch(/HSM KMS instance/);
  });

  it("exits 0 when every key is compliant, exempt or not applicable", async () => {
    createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
    const file = writeConfig(
      lab.dir,
      `  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n  - key: alias/acs/oss\n    rotation: { mode: off }\n${POLICY}`,
    );
    const { code, report } = await verdicts(file);
    expect(code).toBe(0);
    expect(report.summary.nonCompliant).toBe(0);
  });

  it("holds a file with no policy to the baseline of yearly rotation", async () => {
    createKey(lab.emu, { alias: "alias/archive", rotation: "730d" });
    const file = writeConfig(
      lab.dir,
      "  - key: alias/archive\n    rotation: { mode: automatic, interval: 730d }\n",
    );
    const { code, report, byKey } = await verdicts(file);
    expect(report.policy).toEqual({ maxInterval: "365d", requireRotation: true, source: "baseline" });
    expect(byKey["alias/archive"]).toBe("non-compliant");
    expect(code).toBe(2);
  });

  it("a declared key that does not exist is non-compliant, with its evidence null", async () => {
    const file = writeConfig(
      lab.dir,
      `  - key: alias/ghost\n    rotation: { mode: automatic, interval: 90d }\n${POLICY}`,
    );
    const { code, report } = await verdicts(file);
    expect(code).toBe(2);
    expect(report.keys[0]).toMatchObject({ keyId: null, spec: null, verdict: "non-compliant" });
    expect(report.keys[0].reasons.join()).toMatch(/AliasNotFound/);
  });

  it("renders text, Markdown evidence and CSV with the same verdicts", async () => {
    const file = fleet();
    const text = await audit(file);
    expect(text.code).toBe(2);
    expect(text.out).toMatch(/alias\/hand-rotated\s+cn-hangzhou\s+non-compliant/);
    expect(text.out).toMatch(
      /3 keys break the policy: 2 compliant, 3 non-compliant, 1 exempt, 3 not applicable/,
    );

    const md = await audit(file, "--format", "markdown");
    expect(md.code).toBe(2);
    const summary = md.out.indexOf("| Policy |");
    const breaking = md.out.indexOf("### Keys that break the policy");
    const folded = md.out.indexOf("<details>");
    expect(summary).toBeGreaterThan(0);
    expect(breaking).toBeGreaterThan(summary);
    expect(folded).toBeGreaterThan(breaking);
    expect(md.out.slice(breaking, folded)).toMatch(/alias\/hand-rotated/);
    expect(md.out.slice(breaking, folded)).not.toMatch(/alias\/orders-db/);
    expect(md.out.slice(folded)).toMatch(/alias\/orders-db/);

    const csv = await audit(file, "--format", "csv");
    expect(csv.code).toBe(2);
    const rows = csv.out.split("\r\n");
    expect(rows[0]).toBe(
      "keyId,key,region,account,spec,state,automaticRotation,rotationInterval,lastRotation,currentVersionAge,nextRotation,versionCount,verdict,reasons",
    );
    expect(rows.at(-1)).toBe("");
    expect(rows).toHaveLength(9 + 2);
    expect(rows.find((r) => r.includes("alias/hand-rotated"))).toMatch(/,Enabled,730d,.*,non-compliant,/);
  });

  it("an invalid policy is one line per problem and exit 1, before any KMS call", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/orders-db\n    rotation: { mode: off }\npolicy:\n  maxInterval: 3d\n",
    );
    const r = await audit(file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/kms\.yaml:9:16: policy\.maxInterval: 3d is shorter than any key can rotate/);
    expect(await stats(lab.emu)).toEqual({});
  });
});
