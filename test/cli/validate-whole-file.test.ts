// validate tells the whole story of a file at once: a bad date in one exception does not hide another
// key's policy breach or an expired exception; and a file with no `policy:` is warned of every key that
// audit's baseline will judge non-compliant, so validate, apply and audit never contradict each other.

import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { tempDir, writeConfig } from "../helpers/fleet.js";

let dir: string;
beforeEach(() => {
  dir = tempDir();
});

describe("validate reports every problem of a file at once", () => {
  it("a bad date does not hide the maxInterval breach and the expired exception of the same file", async () => {
    const file = writeConfig(
      dir,
      [
        "  - key: alias/slow",
        "    rotation: { mode: automatic, interval: 400d }",
        "  - key: alias/bad-date",
        "    rotation: { mode: off }",
        "    exception: { reason: ticket SEC-1, expires: 2026-13-01 }",
        "  - key: alias/lapsed",
        "    rotation: { mode: automatic, interval: 90d }",
        "    exception: { reason: old ticket, expires: 2026-01-31 }",
        "policy:",
        "  maxInterval: 365d",
        "",
      ].join("\n"),
    );
    const r = await runCli(dir, ["validate", file, "--now", "2026-06-01T00:00:00Z"]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    // In the file's order; the key whose exception cannot be read is not also called a breach.
    expect(r.err.trim().split("\n")).toEqual([
      `${file}:7:44: alias/slow: interval 400d is longer than policy.maxInterval 365d: rotate at least every 365d, or add an exception`,
      `${file}:10:49: keys[1].exception.expires: "2026-13-01" is not a calendar date (YYYY-MM-DD)`,
      `${file}:13:47: alias/lapsed: exception expired on 2026-01-31 (today is 2026-06-01, UTC): renew it with a later date, or remove it`,
    ]);
    // plan refuses the same file with the same problems, before any KMS call.
    const plan = await runCli(dir, ["plan", file, "--now", "2026-06-01T00:00:00Z"]);
    expect(plan.code).toBe(1);
    expect(plan.err).toContain("alias/slow: interval 400d");
    expect(plan.err).toContain("alias/lapsed: exception expired");
  });
});

describe("validate warns of what audit's baseline will judge", () => {
  const keys = [
    "  - key: alias/never",
    "    rotation: { mode: off }",
    "  - key: alias/slow",
    "    rotation: { mode: automatic, interval: 400d }",
    "  - key: alias/excused",
    "    rotation: { mode: off }",
    "    exception: { reason: vendor appliance, expires: 2027-03-31 }",
    "  - key: alias/fine",
    "    rotation: { mode: automatic, interval: 365d }",
    "",
  ].join("\n");

  it("with no policy:, each off key and each interval over 365d, naming the key and the rule", async () => {
    const file = writeConfig(dir, keys);
    const r = await runCli(dir, ["validate", file, "--now", "2026-06-01T00:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.out).toBe("ok: 4 keys in 1 region\n");
    const warnings = r.err.trim().split("\n");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toBe(
      `${file}:7:23: warning: alias/never: rotation is off; with no policy: in the file, audit judges by its baseline (requireRotation: true) and will report this key non-compliant unless KMS cannot rotate it: state the policy this file keeps (policy: { requireRotation: false }), or add an exception`,
    );
    expect(warnings[1]).toMatch(
      /:9:44: warning: alias\/slow: interval 400d is longer than 365d; .*\(maxInterval: 365d\)/,
    );
    const github = await runCli(dir, [
      "validate",
      file,
      "--now",
      "2026-06-01T00:00:00Z",
      "--format",
      "github",
    ]);
    expect(github.code).toBe(0);
    expect(github.out.split("\n").filter((l) => l.startsWith("::warning "))).toHaveLength(2);
  });

  it("a file that states its policy gets no baseline warning", async () => {
    const file = writeConfig(dir, `${keys}policy:\n  maxInterval: 400d\n  requireRotation: false\n`);
    const r = await runCli(dir, ["validate", file, "--now", "2026-06-01T00:00:00Z"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
  });

  it("for any file with no policy:, the keys validate warns of are the keys audit calls non-compliant after apply", async () => {
    const rotation = fc.oneof(
      fc.constant({ mode: "off" as const }),
      fc.record({ mode: fc.constant("automatic" as const), days: fc.integer({ min: 7, max: 730 }) }),
      fc.record({ mode: fc.constant("manual" as const), days: fc.integer({ min: 7, max: 730 }) }),
    );
    let warned = 0;
    let quiet = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(rotation, { minLength: 1, maxLength: 4 }), async (rotations) => {
        const run = mkdtempSync(join(dir, "run-"));
        // Manual keys are signing keys (asymmetric), the others symmetric: each can rotate as declared.
        const fleet = rotations.map((r, i) =>
          r.mode === "manual"
            ? `  - alias: alias/k${i}\n    spec: RSA_2048\n    usage: SIGN/VERIFY\n    created: -10d`
            : `  - alias: alias/k${i}\n    created: -10d`,
        );
        writeFileSync(join(run, "fleet.yaml"), `version: 1\nkeys:\n${fleet.join("\n")}\n`);
        const declared = rotations.map((r, i) =>
          r.mode === "off"
            ? `  - key: alias/k${i}\n    rotation: { mode: off }`
            : `  - key: alias/k${i}\n    rotation: { mode: ${r.mode}, interval: ${r.days}d }`,
        );
        const config = join(run, "kms.yaml");
        writeFileSync(
          config,
          `version: 1\nprovider:\n  local:\n    seed: fleet.yaml\n    state: ${join(run, "state.json")}\nkeys:\n${declared.join("\n")}\n`,
        );
        const validate = await runCli(run, ["validate", config]);
        expect(validate.code).toBe(0);
        const warnedKeys = [...validate.err.matchAll(/warning: (alias\/k\d+):/g)].map((m) => m[1]).sort();
        expect((await runCli(run, ["apply", config, "--auto-approve"])).code).toBe(0);
        const audit = await runCli(run, ["audit", config, "--format", "json"]);
        const report = JSON.parse(audit.out) as { keys: { key: string; verdict: string }[] };
        const failing = report.keys
          .filter((k) => k.verdict === "non-compliant")
          .map((k) => k.key)
          .sort();
        expect(warnedKeys).toEqual(failing);
        expect(audit.code).toBe(failing.length > 0 ? 2 : 0);
        if (failing.length > 0) warned++;
        else quiet++;
      }),
      { numRuns: 12, seed: 22 },
    );
    // Both outcomes were met: files audit fails, and files it passes.
    expect(warned).toBeGreaterThan(0);
    expect(quiet).toBeGreaterThan(0);
  }, 120_000);
});
