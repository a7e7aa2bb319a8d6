// `apply plan.json` decides each change on its staleness check's read of the key: one DescribeKey per key
// of the plan, whatever kind of key, and one write per change.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { stats, writeConfig, writes } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

// A symmetric key in a software KMS instance rotated by hand (no version cap, so its versions are not
// counted at plan time), and a shared signing key, both due.
const SEED = `version: 1
instances:
  kst-soft-0001: software
keys:
  - alias: alias/ledger-dek
    dkmsInstanceId: kst-soft-0001
    created: -250d
    versions: 2
    lastRotation: -120d
  - alias: alias/signer
    spec: RSA_2048
    created: -200d
`;

const lab = useLab(SEED);

describe("apply plan.json", () => {
  it("reads each key once, a manual key in a KMS instance included, and writes each change once", async () => {
    const file = writeConfig(
      lab.dir,
      [
        "  - key: alias/ledger-dek\n    rotation: { mode: manual, interval: 90d }",
        "  - key: alias/signer\n    rotation: { mode: manual, interval: 90d }",
      ].join("\n"),
    );
    const at = ["--endpoint", lab.emu.url, "--now", lab.emu.service.now().toISOString()];
    const planFile = join(lab.dir, "plan.json");
    expect((await runCli(lab.dir, ["plan", file, "--out", planFile, ...at])).code).toBe(0);
    const before = await stats(lab.emu);
    const applied = await runCli(lab.dir, ["apply", planFile, "--auto-approve", ...at]);
    expect(applied.err).toBe("");
    expect(applied.code).toBe(0);
    const after = await stats(lab.emu);
    expect((after.DescribeKey ?? 0) - (before.DescribeKey ?? 0)).toBe(2);
    expect(writes(after) - writes(before)).toBe(2);
    expect((after.CreateKeyVersion ?? 0) - (before.CreateKeyVersion ?? 0)).toBe(2);
  });
});
