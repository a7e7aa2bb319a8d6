// A FIFO (or a link to one) where the credential chain would read a file: refused at once with one line
// naming the file, exit 1; never a hang, never a wrong "KMS did not answer" (contract section 14).

import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { BIN, useBuiltCli } from "../helpers/built.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

/** The built CLI, sent SIGTERM if still running after `graceMs`, SIGKILL 10 s later: it must end. */
function runEnding(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv, graceMs = 8_000) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: "pipe", env });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  const term = setTimeout(() => child.kill("SIGTERM"), graceMs);
  const kill = setTimeout(() => child.kill("SIGKILL"), graceMs + 10_000);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve({ code, signal, stderr });
    }),
  );
}

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
      const fifo = join(lab.dir, "cred.ini");
      execFileSync("mkfifo", [fifo]);
      const home = join(lab.dir, "home");
      mkdirSync(join(home, ".alibabacloud"), { recursive: true });
      symlinkSync(fifo, join(home, ".alibabacloud", "credentials"));
      const args = [command, "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
      const run = await runEnding(lab.dir, args, cleanEnv({ HOME: home }));
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
    const fifo = join(lab.dir, "cred.ini");
    execFileSync("mkfifo", [fifo]);
    const home = join(lab.dir, "empty-home");
    mkdirSync(home);
    const args = ["plan", "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
    const run = await runEnding(
      lab.dir,
      args,
      cleanEnv({ HOME: home, ALIBABA_CLOUD_CREDENTIALS_FILE: fifo }),
    );
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
    const fifo = join(home, ".aliyun", "config.json");
    execFileSync("mkfifo", [fifo]);
    const args = ["plan", "kms.yaml", "--endpoint", lab.emu.url, "--timeout", "3s"];
    const run = await runEnding(lab.dir, args, cleanEnv({ HOME: home }));
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(fifo);
    expect(run.stderr).toContain("not a regular file");
  }, 40_000);
});
