// Issue 9's figures for `npm run bench`: what hostile or huge config files cost `validate`, each in a
// process of its own (peak RSS of the whole process, wall time including Node's start-up).

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const MAIN = new URL("../dist/cli/main.js", import.meta.url).href;

/** `validate <file>` in a fresh process: exit code, peak RSS in MB, wall ms, bytes printed. */
function validate(file, dir) {
  const report = join(dir, "report.json");
  const script = `
    import { writeFileSync } from "node:fs";
    import { main } from ${JSON.stringify(MAIN)};
    const code = await main(["validate", ${JSON.stringify(file)}]);
    writeFileSync(${JSON.stringify(report)}, JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS }));
  `;
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  const ms = performance.now() - start;
  const { code, maxRSS } = JSON.parse(readFileSync(report, "utf8"));
  return { code, mb: maxRSS / 1024, ms, printed: child.stdout.length + child.stderr.length };
}

export function boundedInput(record) {
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-input-"));
  try {
    const fleet = join(dir, "fleet.yaml");
    const keys = Array.from(
      { length: 100_000 },
      (_, i) => `  - key: alias/service-${i}\n    rotation:\n      mode: automatic\n      interval: 90d\n`,
    );
    writeFileSync(
      fleet,
      `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n${keys.join("")}`,
    );
    const valid = validate(fleet, dir);
    record(
      "validate, a valid 100,000-key config (8.5 MB)",
      `${valid.mb.toFixed(0)} MB peak RSS (goal < 300), ${(valid.ms / 1000).toFixed(1)} s, exit ${valid.code}`,
    );
    const huge = join(dir, "huge.yaml");
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, "a"));
    const refused = validate(huge, dir);
    record(
      "validate, a 50 MB config (refused unread)",
      `${refused.mb.toFixed(0)} MB peak RSS (goal < 100), ${refused.ms.toFixed(0)} ms (goal < 2 s), exit ${refused.code}`,
    );
    const garbage = join(dir, "garbage.yaml");
    const bytes = Buffer.alloc(1024 * 1024);
    for (let i = 0, seed = 42; i < bytes.length; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      bytes[i] = seed >> 23;
    }
    writeFileSync(garbage, bytes);
    const binary = validate(garbage, dir);
    record(
      "validate, 1 MB of binary garbage",
      `${(binary.printed / 1024).toFixed(0)} KiB printed (at most 100 problems), ${binary.mb.toFixed(0)} MB peak RSS, exit ${binary.code}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
