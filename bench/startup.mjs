// CLI start-up as users meet it: `node bin/kms-rotation.js ...` in a fresh process, wall time from
// spawn to exit, median of several runs. The commands take turns round by round so a burst of load
// on the shared machine spreads over all of them instead of skewing one.
// Usage: npm run build && node bench/startup.mjs [--runs 15]

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../bin/kms-rotation.js", import.meta.url));
const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));

function run(args, cwd) {
  const start = performance.now();
  const child = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: "ignore" });
  const ms = performance.now() - start;
  if (child.status !== 0 && child.status !== 2) throw new Error(`${args.join(" ")} exited ${child.status}`);
  return ms;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Median wall ms per command; `plan` reads the quickstart's local state, seeded before timing. */
export function startupFigures(runs = 15) {
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-startup-"));
  try {
    cpSync(EXAMPLES, dir, { recursive: true });
    const commands = [
      ["--help", ["--help"]],
      ["validate examples/quickstart.yaml", ["validate", "quickstart.yaml"]],
      ["plan examples/quickstart.yaml (local provider, state seeded)", ["plan", "quickstart.yaml"]],
    ];
    run(["plan", "quickstart.yaml"], dir); // seeds .kms-rotation/ and warms the file cache
    const times = commands.map(() => []);
    for (let round = 0; round < runs; round++) {
      for (const [i, [, args]] of commands.entries()) times[i].push(run(args, dir));
    }
    return commands.map(([label], i) => ({ label, ms: median(times[i]), runs }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runsAt = process.argv.indexOf("--runs");
  const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 15;
  for (const { label, ms } of startupFigures(runs)) {
    console.log(`CLI start-up, ${label}: ${ms.toFixed(0)} ms (median of ${runs})`);
  }
}
