// The newcomer's install as the README writes it, against the real npm registry (npm run test:soak; it
// needs the network and takes minutes): a fresh clone, `npm ci` (which builds through `prepare`),
// `npx kms-rotation --help`; then the README's "in your own project" block: pack in the clone, make
// tools/ with its lock file in a project next to it, and run the tool from there.

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { fencedBlocks } from "../docs/doc-blocks.js";
import { ROOT } from "../helpers/built.js";

function sh(cwd: string, script: string) {
  const r = spawnSync("bash", ["-e", "-o", "pipefail", "-c", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false" },
    timeout: 600_000,
  });
  return { code: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

it("a fresh clone installs and runs, and the README's project install works from its tarball", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const blocks = fencedBlocks(readme, "README.md").filter((b) => b.lang === "sh");
  const clone = blocks.find((b) => b.code.includes("git clone"));
  const project = blocks.find((b) => b.code.includes("npm pack --pack-destination ../vendor"));
  expect(clone?.notRun).toBeDefined();
  expect(project?.notRun).toBeDefined();

  const base = mkdtempSync(join(tmpdir(), "kms-newcomer-soak-"));
  execFileSync("git", ["clone", "--quiet", ROOT, join(base, "kms-rotation")]);
  const repo = join(base, "kms-rotation");
  // The block after its `git clone ... && cd kms-rotation` line, in the clone.
  const install = sh(repo, (clone?.code ?? "").split("\n").slice(1).join("\n"));
  expect(install.code, install.out).toBe(0);
  expect(install.out).toContain("Usage: kms-rotation <command> [options]");
  const plan = sh(repo, "npx kms-rotation plan examples/quickstart.yaml");
  expect(plan.code, plan.out).toBe(0);

  // "in the clone" lines run in the clone; "in your project" lines in a project next to it.
  const [inClone, inProject] = (project?.code ?? "").split(/^# in your project.*$/m);
  const packed = sh(repo, inClone ?? "");
  expect(packed.code, packed.out).toBe(0);
  const digest = /^([0-9a-f]{128}) {2}\S+kms-rotation-[\d.]+\.tgz$/m.exec(packed.out)?.[1];
  expect(digest).toBeDefined();
  const mine = join(base, "my-project");
  mkdirSync(mine);
  const made = sh(mine, inProject ?? "");
  expect(made.code, made.out).toBe(0);
  expect(made.out).toContain("Usage: kms-rotation <command> [options]");
  const lock = JSON.parse(readFileSync(join(mine, "tools", "package-lock.json"), "utf8")) as {
    packages: Record<string, { integrity?: string; link?: boolean }>;
  };
  const unpinned = Object.entries(lock.packages).filter(([path, p]) => path !== "" && !p.integrity);
  expect(unpinned).toEqual([]);
  // What CI then runs on another machine: the digest checked, npm ci from the lock file.
  const ci = sh(
    mine,
    `echo "${digest}  tools/kms-rotation-0.1.0.tgz" | sha512sum --check --strict\n` +
      "rm -rf tools/node_modules && npm ci --prefix tools --no-audit --no-fund --ignore-scripts\n" +
      "tools/node_modules/.bin/kms-rotation --version",
  );
  expect(ci.code, ci.out).toBe(0);
}, 900_000);
