// SIGTERM and SIGINT end every command within --timeout + 2 s with exit 130, even when the endpoint has
// stalled (it accepts connections and never answers): the sockets are destroyed, not waited on, and
// "Interrupted; nothing was changed." is said once.

import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BIN, useBuiltCli } from "../helpers/built.js";
import { tempDir } from "../helpers/fleet.js";
import { type BlackHole, blackHole } from "../helpers/proxy.js";

useBuiltCli();

let hole: BlackHole;
beforeAll(async () => {
  hole = await blackHole();
});
afterAll(() => hole?.close());

const CONFIG =
  "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n";

/** The built CLI, sent `signal` once it has connected to the black hole; its exit code and output. */
async function interrupted(args: readonly string[], signal: NodeJS.Signals) {
  const dir = tempDir();
  writeFileSync(join(dir, "kms.yaml"), CONFIG);
  const before = hole.connections();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: "pipe" });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  while (hole.connections() === before) await new Promise((r) => setTimeout(r, 25));
  child.kill(signal);
  // Only a hang breaks this bound: --timeout 30s + 2 s would be 32 s; the run must end long before.
  const guard = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const code = await exited;
  clearTimeout(guard);
  return { code, stdout, stderr };
}

describe("interrupting a command whose endpoint has stalled", () => {
  for (const [command, signal] of [
    ["plan", "SIGTERM"],
    ["drift", "SIGINT"],
    ["apply", "SIGTERM"],
  ] as const) {
    test(`${command} + ${signal}: exit 130, said once`, async () => {
      const args = [command, "kms.yaml", "--endpoint", hole.url, "--timeout", "30s"];
      const run = await interrupted(command === "apply" ? [...args, "--auto-approve"] : args, signal);
      expect(run.code).toBe(130);
      const said = (run.stdout + run.stderr).match(/Interrupted; nothing was changed\./g) ?? [];
      expect(said.length).toBeLessThanOrEqual(1);
    }, 40_000);
  }
});
