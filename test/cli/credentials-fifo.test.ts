// A FIFO (or a link to one) where the credential chain would read a file: refused at once with one line
// naming the file, exit 1; never a hang, never a wrong "KMS did not answer" (contract section 14).

import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { useBuiltCli } from "../helpers/built.js";
import { makeFifo, runEnding } from "../helpers/fifo.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith("ALIBABA_CLOUD_") && k !== "HOME") env[k] = v;
  return { ...env, ...extra };
}

function config(): void {
  writeFileSync(
    join(lab.dir, "kms.yaml"),
    "version: 1\nprovider:\n  alibaba: { region: cn-hangzhou }\nkeys:\n  - key: alias/none\n    rotation: { mode: off }\n",
  );
}

describe.skipIf(process.platform === "win32")("a FIFO as a credentials file", () => {
  test.each(["plan", "drift"])(
    "%s: a link to a FIFO at ~/.alibabacloud/credentials is refused",
    async (command) => {
      config();
      const fifo = makeFifo(lab.dir, "cred.ini");
      const home = join(lab.dir, "home");
      mkdirSync(join(home, ".alibabacloud"), { recursive: true });
      symlinkSync(fifo, join(home, ".alibabacloud", "credentials"));
      const args = [command, "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
      const run = await runEnding(lab.dir, args, { env: cleanEnv({ HOME: home }), graceMs: 8_000 });
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(join(home, ".alibabacloud", "credentials"));
      expect(run.stderr).toContain("not a regular file");
      expect(run.stderr).not.toContain("did not answer");
    },
    40_000,
  );

  test("ALIBABA_CLOUD_CREDENTIALS_FILE naming a FIFO is refused, naming it", async () => {
    config();
    const fifo = makeFifo(lab.dir, "cred.ini");
    const home = join(lab.dir, "empty-home");
    mkdirSync(home);
    const args = ["plan", "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
    const env = cleanEnv({ HOME: home, ALIBABA_CLOUD_CREDENTIALS_FILE: fifo });
    const run = await runEnding(lab.dir, args, { env, graceMs: 8_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(fifo);
    expect(run.stderr).toContain("not a regular file");
    expect(run.stderr).not.toContain("did not answer");
  }, 40_000);

  test("a FIFO as the aliyun CLI's config.json is refused, naming it", async () => {
    config();
    const home = join(lab.dir, "home");
    mkdirSync(join(home, ".aliyun"), { recursive: true });
    const fifo = makeFifo(join(home, ".aliyun"), "config.json");
    const args = ["plan", "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
    const run = await runEnding(lab.dir, args, { env: cleanEnv({ HOME: home }), graceMs: 8_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(fifo);
    expect(run.stderr).toContain("not a regular file");
  }, 40_000);
});
