// `npm run build` leaves dist/ holding exactly what a build into an empty folder would: the last step
// (scripts/prune-dist.mjs) removes what no current source makes, and keeps all that tsc and the schema
// precompiler make.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SCHEMA_NAMES } from "../../src/contract/schema-compile.js";
import { ROOT } from "../helpers/built.js";

const SCRIPT = join(ROOT, "scripts", "prune-dist.mjs");

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll("\\", "/"))
    .sort();
}

function write(root: string, path: string, text = ""): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

const prune = (root: string) =>
  execFileSync(process.execPath, [SCRIPT, root], { encoding: "utf8" }).split("\n").filter(Boolean);

describe("scripts/prune-dist.mjs", () => {
  it("removes a moved module's outputs, its emptied folder, maps and an old validator; keeps the rest", () => {
    const root = mkdtempSync(join(tmpdir(), "kms-prune-"));
    for (const path of ["src/a.ts", "src/sub/b.ts", "src/types.d.ts", "src/contract/schema-compile.ts"])
      write(root, path);
    const current = [
      "a.d.ts",
      "a.js",
      "contract/schema-compile.d.ts",
      "contract/schema-compile.js",
      "contract/validators/plan.cjs",
      "sub/b.d.ts",
      "sub/b.js",
    ];
    for (const path of current) write(join(root, "dist"), path);
    write(join(root, "dist"), "contract/schema-compile.js", 'export const SCHEMA_NAMES = ["plan"];\n');
    const stale = ["a.js.map", "contract/validators/gone.cjs", "moved/old.d.ts", "moved/old.js"];
    for (const path of stale) write(join(root, "dist"), path);

    expect(prune(root).sort()).toEqual(stale.map((path) => `build: removed stale dist/${path}`));
    expect(files(join(root, "dist"))).toEqual(current);
    expect(readdirSync(join(root, "dist"))).not.toContain("moved");
    // Nothing stale left: a second run removes nothing.
    expect(prune(root)).toEqual([]);
  });

  it("keeps every file tsc emits from src/ and every precompiled validator", () => {
    const root = mkdtempSync(join(tmpdir(), "kms-prune-real-"));
    symlinkSync(join(ROOT, "src"), join(root, "src"));
    const tsc = join(ROOT, "node_modules", ".bin", "tsc");
    const dist = join(root, "dist");
    execFileSync(tsc, ["-p", join(ROOT, "tsconfig.build.json"), "--outDir", dist], { stdio: "ignore" });
    for (const name of SCHEMA_NAMES) write(dist, `contract/validators/${name}.cjs`);
    const built = files(dist);
    expect(built.length).toBeGreaterThan(100);
    expect(prune(root)).toEqual([]);
    expect(files(dist)).toEqual(built);
  }, 120_000);
});
