// Tests that run the compiled CLI as a child process, as users do: where it is, and building it first
// when the file runs on its own (`npm test` has just built it).

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll } from "vitest";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..", "..");
/** The CLI as installed: `bin/kms-rotation.js` over `dist/`. */
export const BIN = join(ROOT, "bin", "kms-rotation.js");

/**
 * Builds dist/ before the file's tests unless `npm test` already did; `needs` (a path under the root)
 * forces a build when that output is missing.
 */
export function useBuiltCli(needs?: string): void {
  beforeAll(() => {
    const built = process.env.npm_lifecycle_event === "test";
    if (built && (needs === undefined || existsSync(join(ROOT, needs)))) return;
    try {
      execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "ignore" });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; the tests fail if ours is missing.
    }
  }, 180_000);
}
