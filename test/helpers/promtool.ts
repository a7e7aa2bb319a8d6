// Prometheus' own readers of our metrics text: `promtool check metrics` (the text-format linter the
// contract names) and its strict OpenMetrics parser (the backfill reader: `# EOF`, `# UNIT` suffixes).
// .ci/run installs Debian's prometheus package; without promtool on a developer's machine the tests
// that need it are skipped, and in CI (CI=true) they run and fail if it is missing.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const hasPromtool =
  spawnSync("promtool", ["--version"], { stdio: "ignore" }).status === 0 || process.env.CI === "true";

/** `promtool check metrics` on the text: its exit code and what it said. */
export function checkMetrics(text: string): { code: number | null; said: string } {
  const r = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
  return { code: r.error ? -1 : r.status, said: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ?? ""}` };
}

/**
 * The text through Prometheus' strict OpenMetrics parser (`promtool tsdb create-blocks-from openmetrics`).
 * It reads only samples with timestamps, so each sample line gets `at` (seconds) appended first; every
 * other byte is ours.
 */
export function parseOpenMetrics(text: string, at: number): { code: number | null; said: string } {
  const stamped = text
    .split("\n")
    .map((line) => (line === "" || line.startsWith("#") ? line : `${line} ${at}`))
    .join("\n");
  const dir = mkdtempSync(join(tmpdir(), "kms-om-"));
  try {
    const file = join(dir, "metrics.om");
    writeFileSync(file, stamped);
    const r = spawnSync(
      "promtool",
      ["tsdb", "create-blocks-from", "openmetrics", file, join(dir, "blocks")],
      {
        encoding: "utf8",
      },
    );
    return { code: r.error ? -1 : r.status, said: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ?? ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
