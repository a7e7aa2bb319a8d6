// Last step of `npm run build`: removes from dist/ every file this build did not make, so dist/ holds
// exactly what building into an empty folder would (a module moved or deleted in src/ leaves no stale
// copy to be published or imported). It prunes after compiling rather than emptying dist/ first: test
// files build on their own in parallel (test/helpers/built.ts), and an emptied dist/ would vanish under
// a sibling's running CLI; every file a current build makes stays in place throughout.
// Usage: node scripts/prune-dist.mjs [<root>]   (the repository root; default this script's parent)

import { readdirSync, rmdirSync, unlinkSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** tsc's outputs of src/ (each module's .js and .d.ts, imported JSON), and the precompiled validators. */
export function expectedOutputs(srcDir, schemaNames) {
  const expected = new Set(schemaNames.map((name) => join("contract", "validators", `${name}.cjs`)));
  for (const file of filesUnder(srcDir)) {
    const path = relative(srcDir, file);
    if (path.endsWith(".d.ts")) continue;
    if (path.endsWith(".ts")) {
      const stem = path.slice(0, -".ts".length);
      expected.add(`${stem}.js`);
      expected.add(`${stem}.d.ts`);
    } else if (path.endsWith(".json")) expected.add(path);
  }
  return expected;
}

/** Removes files of `distDir` not in `expected` (paths relative to it), then folders left empty. */
export function pruneDist(distDir, expected) {
  const removed = [];
  for (const file of filesUnder(distDir)) {
    const path = relative(distDir, file);
    if (expected.has(path)) continue;
    unlinkSync(file);
    removed.push(path);
  }
  removeEmptyFolders(distDir);
  return removed;
}

function filesUnder(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

function removeEmptyFolders(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }))
    if (entry.isDirectory()) {
      const path = join(dir, entry.name);
      removeEmptyFolders(path);
      if (readdirSync(path).length === 0) rmdirSync(path);
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL("..", import.meta.url)));
  const dist = join(root, "dist");
  const { SCHEMA_NAMES } = await import(pathToFileURL(join(dist, "contract", "schema-compile.js")).href);
  for (const path of pruneDist(dist, expectedOutputs(join(root, "src"), SCHEMA_NAMES)))
    console.log(`build: removed stale dist/${path.replaceAll("\\", "/")}`);
}
