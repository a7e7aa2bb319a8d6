// One writer per `provider.local` state: real processes of the built CLI racing on one state file.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { openService } from "../../src/emulator/open-service.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";

const SIGNERS = 40;
let dir: string;

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-local-lock-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (cwd: string, args: readonly string[]) => runBuilt(cwd, args);

/** A project whose local KMS starts with SIGNERS signing keys, all due for a new version. */
function project(name: string): string {
  const cwd = join(dir, name);
  execFileSync("mkdir", ["-p", cwd]);
  writeFileSync(
    join(cwd, "fleet.yaml"),
    `version: 1\nkeys:\n  - alias: alias/signer-{i}\n    count: ${SIGNERS}\n    spec: RSA_2048\n    created: -400d\n`,
  );
  const keys = Array.from(
    { length: SIGNERS },
    (_, i) => `  - key: alias/signer-${i + 1}\n    rotation: { mode: manual, interval: 90d }\n`,
  );
  writeFileSync(
    join(cwd, "kms.yaml"),
    `version: 1\nprovider:\n  local: { seed: fleet.yaml }\nkeys:\n${keys.join("")}`,
  );
  return cwd;
}

function versionCounts(statePath: string): number[] {
  const service = openService({ region: "cn-hangzhou", statePath });
  try {
    return Array.from({ length: SIGNERS }, (_, i) => {
      const outcome = service.call("ListKeyVersions", { KeyId: `alias/signer-${i + 1}`, PageSize: "1" });
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.body.TotalCount as number;
    });
  } finally {
    service.close();
  }
}

describe("provider.local: one run at a time on a state file", () => {
  test("two concurrent applies: every due key gets exactly one new version, none lost", async () => {
    const cwd = project("race");
    // Create the state first, so both runs race on applying, not on seeding.
    const first = await cli(cwd, ["plan", "kms.yaml"]);
    expect(first.code).toBe(0);
    const runs = await Promise.all([
      cli(cwd, ["apply", "kms.yaml", "--auto-approve"]),
      cli(cwd, ["apply", "kms.yaml", "--auto-approve"]),
    ]);
    for (const run of runs) {
      // The second either waited for the first and found nothing to do, or refused in one line.
      if (run.code === 1)
        expect(run.stderr).toMatch(/^error: .*local-kms\.json is in use by pid \d+[^\n]*\n$/);
      else expect(run.code).toBe(0);
    }
    expect(runs.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    expect(versionCounts(join(cwd, ".kms-rotation", "local-kms.json"))).toEqual(Array(SIGNERS).fill(2));
    const after = await cli(cwd, ["plan", "kms.yaml", "--detailed-exitcode"]);
    expect(after.code).toBe(0);
  });

  test("a run that cannot get the state in time refuses in one line naming the file and the holder", async () => {
    const cwd = project("held");
    const statePath = join(cwd, ".kms-rotation", "local-kms.json");
    const holder = await startEmulator({ region: "cn-hangzhou", statePath });
    try {
      const run = await cli(cwd, ["plan", "kms.yaml"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `error: cannot start KMS for kms.yaml: state file ${statePath} is in use by pid ${process.pid} since ` +
          `${run.stderr.match(/since (\S+) \(/)?.[1]} (waited 10 s); one process at a time may use it\n`,
      );
    } finally {
      await holder.close();
    }
  }, 60_000);
});
