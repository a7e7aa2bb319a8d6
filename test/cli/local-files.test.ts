// The local files a run relies on, through the built CLI: a credentials file that is a FIFO or 200 MB is
// refused in one line before the SDK reads it, and (as ssh does) a credentials file or local state
// directory open to others is warned about.

import { execFileSync } from "node:child_process";
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { createKey, emulator, tempDir } from "../helpers/fleet.js";

useBuiltCli();

const REMOTE =
  "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: alias/orders\n    rotation: { mode: off }\n";

function env(file: string): NodeJS.ProcessEnv {
  const clean = { ...process.env };
  for (const name of Object.keys(clean)) if (name.startsWith("ALIBABA_CLOUD_")) delete clean[name];
  return { ...clean, ALIBABA_CLOUD_CREDENTIALS_FILE: file };
}

describe.skipIf(process.platform === "win32")("local files", () => {
  test("a credentials file that is a FIFO, or 200 MB: refused in one line, at once", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "kms.yaml"), REMOTE);
    const fifo = join(dir, "fifo-credentials");
    execFileSync("mkfifo", [fifo]);
    const piped = await runBuilt(dir, ["plan", "kms.yaml"], env(fifo));
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain(`cannot use the credentials file ${fifo}: it is not a regular file`);
    const huge = join(dir, "huge-credentials");
    const fd = openSync(huge, "w", 0o600);
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const big = await runBuilt(dir, ["plan", "kms.yaml"], env(huge));
    expect(big.code).toBe(1);
    expect(big.stderr).toContain("it is 200.0 MiB, over the 1 MiB it may be");
  });

  test("a credentials file others can read, and a .kms-rotation/ others can write: one warning each", async () => {
    const emu = await emulator();
    try {
      createKey(emu, { alias: "alias/orders" });
      const dir = tempDir();
      writeFileSync(join(dir, "kms.yaml"), REMOTE);
      const file = join(dir, "credentials");
      writeFileSync(file, "[default]\ntype = access_key\naccess_key_id = local\naccess_key_secret = local\n");
      chmodSync(file, 0o644);
      const run = await runBuilt(dir, ["plan", "kms.yaml", "--endpoint", emu.url], env(file));
      expect(run.code).toBe(0);
      const warned = run.stderr
        .split("\n")
        .filter((l) => l.includes(`credentials file ${file} can be read or written by others (mode 0644)`));
      expect(warned).toHaveLength(1);
      chmodSync(file, 0o600);
      const quiet = await runBuilt(dir, ["plan", "kms.yaml", "--endpoint", emu.url], env(file));
      expect(quiet.stderr).not.toContain("by others");
    } finally {
      await emu.close();
    }
    const local = tempDir();
    writeFileSync(
      join(local, "kms.yaml"),
      "version: 1\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n",
    );
    mkdirSync(join(local, ".kms-rotation"));
    chmodSync(join(local, ".kms-rotation"), 0o777);
    const run = await runBuilt(local, ["plan", "kms.yaml"]);
    expect(run.stderr).toContain("local KMS state directory");
    expect(run.stderr).toContain("(mode 0777)");
  });
});
