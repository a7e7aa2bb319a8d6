// Policy guardrails: validate (and plan, apply) refuse a declared key that breaks `policy:` without a
// live exception, and an exception past its date, each as file:line:column, exit 1.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey, emulator, stats, tempDir, writeConfig } from "../helpers/fleet.js";

let dir: string;
beforeEach(() => {
  dir = tempDir();
});

const POLICY = "policy:\n  maxInterval: 365d\n  requireRotation: true\n";

async function validate(file: string, ...args: string[]) {
  return runCli(dir, ["validate", file, ...args]);
}

describe("policy in validate", () => {
  it("refuses keys that break the policy and expired exceptions, each at its place", async () => {
    const file = writeConfig(
      dir,
      `${[
        "  - key: alias/ok\n    rotation: { mode: automatic, interval: 365d }",
        "  - key: alias/too-slow\n    rotation: { mode: automatic, interval: 400d }",
        "  - key: alias/never\n    rotation: { mode: off }",
        "  - key: alias/slow-signer\n    rotation: { mode: manual, interval: 500d }",
        "  - key: alias/lapsed\n    rotation: { mode: automatic, interval: 90d }\n" +
          "    exception: { reason: old ticket, expires: 2026-01-31 }",
      ].join("\n")}\n${POLICY}`,
    );
    const r = await validate(file, "--now", "2026-06-01T00:00:00Z");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toEqual([
      `${file}:9:44: alias/too-slow: interval 400d is longer than policy.maxInterval 365d: rotate at least every 365d, or add an exception`,
      `${file}:11:23: alias/never: rotation is off, but policy.requireRotation needs every key that can rotate to rotate: choose automatic or manual, or add an exception`,
      `${file}:13:41: alias/slow-signer: interval 500d is longer than policy.maxInterval 365d: rotate at least every 365d, or add an exception`,
      `${file}:16:47: alias/lapsed: exception expired on 2026-01-31 (today is 2026-06-01, UTC): renew it with a later date, or remove it`,
    ]);
  });

  it("a live exception exempts a key through the whole of its expiry day, UTC, as of --now", async () => {
    const file = writeConfig(
      dir,
      "  - key: alias/legacy\n    rotation: { mode: off }\n" +
        '    exception: { reason: "vendor appliance; SEC-142", expires: 2027-03-31 }\n' +
        POLICY,
    );
    expect((await validate(file, "--now", "2027-03-31T23:59:59Z")).code).toBe(0);
    const expired = await validate(file, "--now", "2027-04-01T00:00:00Z");
    expect(expired.code).toBe(1);
    expect(expired.err).toMatch(
      /:8:64: alias\/legacy: exception expired on 2027-03-31 \(today is 2027-04-01, UTC\)/,
    );
    // Expired, the exception no longer covers the breach either.
    expect(expired.err).toMatch(/alias\/legacy: rotation is off/);
  });

  it("without policy, off and long intervals are fine; requireRotation: false allows off", async () => {
    const keys =
      "  - key: alias/a\n    rotation: { mode: off }\n  - key: alias/b\n    rotation: { mode: automatic, interval: 730d }\n";
    expect((await validate(writeConfig(dir, keys))).code).toBe(0);
    const relaxed = writeConfig(
      dir,
      `${keys}policy:\n  maxInterval: 730d\n  requireRotation: false\n`,
      "relaxed.yaml",
    );
    expect((await validate(relaxed)).code).toBe(0);
  });

  it("checks the shape: impossible dates, a missing reason, unknown fields, a tiny maxInterval", async () => {
    const file = writeConfig(
      dir,
      "  - key: alias/a\n    rotation: { mode: off }\n    exception: { reason: x, expires: 2027-02-30 }\n" +
        "  - key: alias/b\n    rotation: { mode: off }\n    exception: { expires: 2027-01-01 }\n" +
        "policy:\n  maxInterval: 1d\n  requireRotatoin: true\n",
    );
    const r = await validate(file, "--now", "2026-06-01T00:00:00Z");
    expect(r.code).toBe(1);
    const lines = r.err.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/:8:38: keys\[0\]\.exception\.expires: "2027-02-30" is not a calendar date/);
    expect(lines[1]).toMatch(/:11:16: keys\[1\]\.exception: missing required field "reason"/);
    expect(lines[2]).toMatch(/:13:16: policy\.maxInterval: 1d is shorter than any key can rotate/);
    expect(lines[3]).toMatch(
      /:14:3: policy: unknown field "requireRotatoin" \(did you mean "requireRotation"\?\)/,
    );
  });

  it("--now must be an instant", async () => {
    const file = writeConfig(dir, "  - key: alias/a\n    rotation: { mode: off }\n");
    const r = await validate(file, "--now", "soon");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--now: "soon" is not an ISO-8601 instant/);
  });

  it("--now refuses a day the calendar does not have, in one line", async () => {
    const file = writeConfig(dir, "  - key: alias/a\n    rotation: { mode: off }\n");
    const r = await validate(file, "--now", "2027-02-30T00:00:00Z");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: --now: "2027-02-30T00:00:00Z" is not a calendar date/);
    expect(r.err.trim().split("\n")[0]).toContain("--now");
  });
});

describe("policy in plan and apply", () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await emulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  it("plan and apply refuse a file breaking the policy before any KMS call; drift does not", async () => {
    createKey(emu, { alias: "alias/never" });
    const file = writeConfig(dir, `  - key: alias/never\n    rotation: { mode: off }\n${POLICY}`);
    for (const command of ["plan", "apply"]) {
      const r = await runCli(
        dir,
        [command, file, "--auto-approve", ...at(emu)].filter(
          (a) => command === "apply" || a !== "--auto-approve",
        ),
      );
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/kms\.yaml:7:23: alias\/never: rotation is off/);
    }
    expect(await stats(emu)).toEqual({});
    const drift = await runCli(dir, ["drift", file, ...at(emu)]);
    expect(drift.code).toBe(0);
  });
});
