// The newcomer's path on the package as it ships: `npm pack` this repository, install the tarball into an
// empty project, run `npx kms-rotation --help` and the quickstart there; and run every example's install
// step, as written, against that tarball (a wrong digest must stop it). Offline: the project's lock file is
// the one `npm install ./kms-rotation-<v>.tgz` writes, made here from this repository's own lock (its
// production dependencies, which `npm ci` of the repository has put in npm's cache). The same path
// against the real registry, from a fresh clone, is test/soak/newcomer.soak.ts.

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { ROOT, useBuiltCli } from "../helpers/built.js";

useBuiltCli("dist/index.js");

interface Packed {
  readonly dir: string;
  readonly file: string;
  readonly name: string;
  readonly sha512hex: string;
}

let packed: Packed;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "kms-newcomer-pack-"));
  // dist/ is built; `npm pack` would build it again through `prepare`.
  const out = execFileSync("npm", ["pack", "--pack-destination", dir, "--ignore-scripts", "--json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const name = (JSON.parse(out) as { filename: string }[])[0]?.filename as string;
  const file = join(dir, name);
  packed = { dir, file, name, sha512hex: createHash("sha512").update(readFileSync(file)).digest("hex") };
}, 120_000);

/** package.json and package-lock.json of a folder holding the tarball, as `npm install ./<tgz>` writes them. */
function lockFor(folder: string, tarball: string): void {
  const repoLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash("sha512")
    .update(readFileSync(join(folder, tarball)))
    .digest("base64")}`;
  const packages: Record<string, unknown> = {
    "": { dependencies: { "kms-rotation": spec } },
    "node_modules/kms-rotation": {
      version: pkg.version,
      resolved: spec,
      integrity,
      license: pkg.license,
      dependencies: pkg.dependencies,
      bin: pkg.bin,
      engines: pkg.engines,
      peerDependencies: pkg.peerDependencies,
      peerDependenciesMeta: pkg.peerDependenciesMeta,
    },
  };
  for (const [path, entry] of Object.entries(repoLock.packages as Record<string, { dev?: boolean }>)) {
    if (path !== "" && !entry.dev && !("devOptional" in entry)) packages[path] = entry;
  }
  writeFileSync(
    join(folder, "package.json"),
    `${JSON.stringify({ private: true, dependencies: { "kms-rotation": spec } }, null, 2)}\n`,
  );
  writeFileSync(
    join(folder, "package-lock.json"),
    `${JSON.stringify({ lockfileVersion: 3, requires: true, packages }, null, 2)}\n`,
  );
}

/** A process environment with no credentials and npm kept off the network. */
function cleanEnv(home: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: [dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    HOME: home,
    TMPDIR: tmpdir(),
    // The repository's `npm ci` filled this cache; nothing here may reach a registry.
    npm_config_cache: join(process.env.HOME ?? "/root", ".npm"),
    npm_config_offline: "true",
    npm_config_update_notifier: "false",
    NO_COLOR: "1",
    ...more,
  };
}

function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout: 180_000 });
  return { code: r.status, out: r.stdout ?? "", err: r.stderr ?? "" };
}

const notCached = (err: string) =>
  err.includes("ENOTCACHED")
    ? "\nnpm's cache lacks a dependency: run `npm ci` in the repository first (these tests install offline)"
    : "";

describe("the newcomer's path, on the packed tarball", () => {
  it("installs into an empty project, and npx kms-rotation runs the quickstart from it", () => {
    const project = mkdtempSync(join(tmpdir(), "kms-newcomer-"));
    cpSync(packed.file, join(project, packed.name));
    lockFor(project, packed.name);
    const env = cleanEnv(project);
    const install = run(project, "npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], env);
    expect(install.code, install.err + notCached(install.err)).toBe(0);
    const help = run(project, "npx", ["kms-rotation", "--help"], env);
    expect(help.code, help.err).toBe(0);
    expect(help.out).toContain("Usage: kms-rotation <command> [options]");
    // The package ships its examples; the quickstart runs from them as the README shows.
    cpSync(join(project, "node_modules", "kms-rotation", "examples"), join(project, "examples"), {
      recursive: true,
    });
    const steps: [string[], number][] = [
      [["validate", "examples/quickstart.yaml"], 0],
      [["plan", "examples/quickstart.yaml", "--detailed-exitcode"], 2],
      [["apply", "examples/quickstart.yaml", "--auto-approve"], 0],
      [["drift", "examples/quickstart.yaml"], 0],
      [["audit", "examples/quickstart.yaml"], 0],
    ];
    const bin = join(project, "node_modules", ".bin", "kms-rotation");
    for (const [args, code] of steps) {
      const r = run(project, bin, args, env);
      expect(r.code, `kms-rotation ${args.join(" ")}\n${r.out}${r.err}`).toBe(code);
    }
    // Nothing of the package points at sources it does not ship.
    const shipped = join(project, "node_modules", "kms-rotation");
    expect(existsSync(join(shipped, "src"))).toBe(false);
    const maps = readdirSync(join(shipped, "dist"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".map"),
    );
    expect(maps).toEqual([]);
  }, 300_000);

  it("every example's install step runs as written on the tarball, and refuses a tarball that differs", () => {
    const steps = installSteps();
    // The GitHub workflows' step and the Kubernetes init containers' script (each written once, alike).
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(["container", "workflow"]));
    for (const step of steps) {
      const good = playInstall(step, false);
      expect(good.code, `${step.where}\n${good.err}${notCached(good.err)}`).toBe(0);
      const version = run(good.dir, good.bin, ["--version"], cleanEnv(good.dir));
      expect(version.out.trim(), step.where).toMatch(/^(kms-rotation )?\d+\.\d+\.\d+/);
      const bad = playInstall(step, true);
      expect(bad.code, `${step.where}: a tarball that differs from its digest`).not.toBe(0);
      expect(bad.err).toMatch(/FAILED/);
      expect(existsSync(dirname(bad.bin)), `${step.where}: nothing installed`).toBe(false);
    }
  }, 300_000);
});

interface InstallStep {
  readonly kind: "workflow" | "container";
  readonly where: string;
  readonly script: string;
  readonly env: Record<string, string>;
}

/** The distinct install scripts of examples/**: workflow steps and containers that run `npm ci`. */
function installSteps(): InstallStep[] {
  const steps = new Map<string, InstallStep>();
  for (const folder of ["ci", "monitoring"]) {
    for (const name of readdirSync(join(ROOT, "examples", folder)).filter((f) => f.endsWith(".yaml"))) {
      const where = `examples/${folder}/${name}`;
      for (const doc of parseAllDocuments(readFileSync(join(ROOT, where), "utf8")).map((d) => d.toJS())) {
        for (const job of Object.values(
          (doc?.jobs ?? {}) as Record<string, { steps?: { run?: string }[] }>,
        )) {
          for (const step of job.steps ?? []) {
            if (!step.run?.includes("npm ci")) continue;
            steps.set(step.run, { kind: "workflow", where, script: step.run, env: doc.env ?? {} });
          }
        }
        for (const container of containersOf(doc)) {
          const script = (container.args ?? []).join(" ");
          if (!script.includes("npm ci")) continue;
          const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e.value ?? ""]));
          steps.set(script, { kind: "container", where, script, env });
        }
      }
    }
  }
  return [...steps.values()];
}

interface Container {
  args?: string[];
  env?: { name: string; value?: string }[];
}

function containersOf(doc: unknown): Container[] {
  const out: Container[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      for (const key of ["containers", "initContainers"])
        if (Array.isArray(record[key])) out.push(...(record[key] as Container[]));
      Object.values(record).forEach(walk);
    }
  };
  walk(doc);
  return out;
}

/**
 * Lays out what the example expects (tools/ in the repository for a workflow; the package ConfigMap at
 * /package and a volume at /opt/kms-rotation for a container, here under a temp folder) and runs its script
 * as GitHub (`bash -e`) or the container (`sh -c`) would.
 */
function playInstall(
  step: InstallStep,
  tamper: boolean,
): { code: number | null; err: string; dir: string; bin: string } {
  const dir = mkdtempSync(join(tmpdir(), "kms-install-step-"));
  const env = cleanEnv(dir, { KMS_ROTATION_SHA512: packed.sha512hex });
  if (step.kind === "workflow") {
    const tgz = step.env.KMS_ROTATION_TGZ as string;
    mkdirSync(join(dir, dirname(tgz)), { recursive: true });
    cpSync(packed.file, join(dir, tgz));
    lockFor(join(dir, dirname(tgz)), packed.name);
    if (tamper) appendFileSync(join(dir, tgz), "\n");
    const githubPath = join(dir, ".github-path");
    writeFileSync(githubPath, "");
    const r = run(dir, "bash", ["-e", "-c", step.script], {
      ...env,
      KMS_ROTATION_TGZ: tgz,
      GITHUB_PATH: githubPath,
    });
    const bin = join(
      readFileSync(githubPath, "utf8").trim() || join(dir, "tools/node_modules/.bin"),
      "kms-rotation",
    );
    return { code: r.code, err: r.out + r.err, dir, bin };
  }
  const pkg = join(dir, "package");
  const opt = join(dir, "opt", "kms-rotation");
  mkdirSync(pkg);
  mkdirSync(opt, { recursive: true });
  const tgz = step.env.KMS_ROTATION_TGZ as string;
  cpSync(packed.file, join(pkg, tgz));
  lockFor(pkg, tgz);
  if (tamper) appendFileSync(join(pkg, tgz), "\n");
  const script = step.script.replaceAll("/opt/kms-rotation", opt).replaceAll("/package/", `${pkg}/`);
  const r = run(dir, "sh", ["-c", script], { ...env, KMS_ROTATION_TGZ: tgz });
  return { code: r.code, err: r.out + r.err, dir, bin: join(opt, "node_modules", ".bin", "kms-rotation") };
}
