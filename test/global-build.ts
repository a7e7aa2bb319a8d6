// Vitest global setup: outside `npm test` (which has just built), build dist/ once for the whole run, before
// any test file starts, and tell the files it is built. Test files run two at a time: each building for
// itself would replace modules under another file's running CLI ("does not provide an export named ...").

import { execFileSync } from "node:child_process";
import { join } from "node:path";

export default function setup(): void {
  if (process.env.npm_lifecycle_event === "test" || process.env.KMS_ROTATION_TESTS_BUILT === "1") return;
  try {
    execFileSync("npm", ["run", "--silent", "build"], {
      cwd: join(import.meta.dirname, ".."),
      stdio: "ignore",
    });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; the tests fail if ours is missing.
  }
  // Workers are forked after this and inherit it; useBuiltCli() then builds only for a missing output.
  process.env.KMS_ROTATION_TESTS_BUILT = "1";
}
