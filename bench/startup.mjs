// CLI start-up as users meet it: `node bin/kms-rotation.js ...` in a fresh process, wall time from
// spawn to exit, median of several runs. The commands (and, with --against, the two builds) take turns
// round by round, so a burst of load on the shared machine spreads over all of them instead of skewing one.
// Usage: npm run build && node bench/startup.mjs [--runs 15] [--against <another built checkout>]
//   e.g. before/after a change: git worktree add /tmp/before <commit>; cd /tmp/before && npm ci && npm run build

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const COMMANDS = [
  ["--help", ["--help"]],
  ["validate examples/quickstart.yaml", ["validate", "quickstart.yaml"]],
  ["plan examples/quickstart.yaml (local provider, state seeded)", ["plan", "quickstart.yaml"]],
];

function run(root, args, cwd) {
  const start = performance.now();
  const child = spawnSync(process.execPath, [join(root, "bin/kms-rotation.js"), ...args], {
    cwd,
    stdio: "ignore",
  });
  const ms = performance.now() - start;
  if (child.status !== 0 && child.status !== 2) throw new Error(`${args.join(" ")} exited ${child.status}`);
  return ms;
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Median wall ms per command for each checkout in `roots` (built), each in its own copy of examples/;
 * `plan` reads the quickstart's local state, seeded before timing.
 */
export function startupFigures(runs = 15, roots = [HERE]) {
  const dirs = roots.map((root) => {
    const dir = mkdtempSync(join(tmpdir(), "kms-bench-startup-"));
    cpSync(join(root, "examples"), dir, { recursive: true });
    run(root, ["plan", "quickstart.yaml"], dir); // seeds .kms-rotation/ and warms the file cache
    return dir;
  });
  try {
    const times = roots.map(() => COMMANDS.map(() => []));
    for (let round = 0; round < runs; round++) {
      for (const [c, [, args]] of COMMANDS.entries()) {
        for (const [r, root] of roots.entries()) times[r][c].push(run(root, args, dirs[r]));
      }
    }
    return COMMANDS.map(([label], c) => ({ label, runs, ms: roots.map((_, r) => median(times[r][c])) }));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "15" }, against: { type: "string" } },
  });
  const runs = Number(values.runs);
  const roots = values.against ? [resolve(values.against), HERE] : [HERE];
  for (const { label, ms } of startupFigures(runs, roots)) {
    const figures = ms.map((m) => `${m.toFixed(0)} ms`).join(" before, ");
    console.log(`CLI start-up, ${label}: ${figures}${roots.length > 1 ? " after" : ""} (median of ${runs})`);
  }
}
