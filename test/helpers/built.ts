// Tests that run the compiled CLI as a child process, as users do: where it is, and building it first
// when the file runs on its own (`npm test` has just built it).

import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll } from "vitest";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..", "..");
/** The CLI as installed: `bin/kms-rotation.js` over `dist/`. */
export const BIN = join(ROOT, "bin", "kms-rotation.js");

/**
 * Builds dist/ before the file's tests unless `npm test` already did or the run says it is built
 * (KMS_ROTATION_TESTS_BUILT=1: set by test/global-build.ts, which builds once per run, and by CI's runs on
 * other Node versions); `needs` (a path under the root) forces a build when that output is missing. Test
 * files run in parallel must not each rebuild dist/: one file's build replaces modules under another's CLI.
 */
export function useBuiltCli(needs?: string): void {
  beforeAll(() => {
    const built = process.env.npm_lifecycle_event === "test" || process.env.KMS_ROTATION_TESTS_BUILT === "1";
    if (built && (needs === undefined || existsSync(join(ROOT, needs)))) return;
    try {
      execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "ignore" });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the tests fail if ours is missing.
    }
  }, 180_000);
}

export interface BuiltRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The built CLI as a child process in `cwd`, run to its end: exit code and everything it printed. */
export function runBuilt(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuiltRun> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: "pipe", env: { ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => {
    stdout += c;
  });
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** examples/quickstart.yaml with its keys reached over the network (provider.alibaba), not provider.local. */
export function quickstartOnAlibaba(): string {
  const quickstart = readFileSync(join(ROOT, "examples", "quickstart.yaml"), "utf8");
  const config = quickstart.replace(
    /^provider:\n {2}local:\n.*\n/m,
    "provider:\n  alibaba: { region: cn-hangzhou }\n",
  );
  if (config === quickstart) throw new Error("examples/quickstart.yaml no longer starts with provider.local");
  return config;
}

/**
 * A copy of examples/quickstart.yaml and its seed fleet in a fresh folder (returned: the config's path).
 * provider.local keeps its state beside the config, so a test that ran the example in place would share
 * state with every other such test, and leave it in the repository.
 */
export function quickstartCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "kms-rotation-quickstart-"));
  for (const file of ["quickstart.yaml", "quickstart-fleet.yaml"])
    copyFileSync(join(ROOT, "examples", file), join(dir, file));
  return join(dir, "quickstart.yaml");
}
