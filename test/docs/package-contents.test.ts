// What `npm pack` ships: the compiled code without source maps (they would point at a src/ the package
// does not carry), and every document the README links to.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, useBuiltCli } from "../helpers/built.js";

useBuiltCli("dist/index.js");

it("the package ships no source maps, and the documents the README links to", () => {
  // dist/ is already built; packing it again must not rebuild (--ignore-scripts).
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }),
  ) as { files: { path: string }[] }[];
  const files = (packed[0]?.files ?? []).map((f) => f.path);
  expect(files).toContain("dist/index.js");
  expect(files).toContain("bin/kms-rotation.js");
  expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  expect(files.some((f) => f.startsWith("src/"))).toBe(false);
  const mapped = files
    .filter((f) => f.endsWith(".js"))
    .filter((f) => readFileSync(join(ROOT, f), "utf8").includes("sourceMappingURL"));
  expect(mapped).toEqual([]);

  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const linked = [...readme.matchAll(/\]\(((?:docs|examples|schemas)\/[^)#\s]+)/g)].map(
    (m) => m[1] as string,
  );
  expect(linked.length).toBeGreaterThan(0);
  for (const target of linked) {
    expect(
      files.some((f) => f === target || f.startsWith(`${target.replace(/\/$/, "")}/`)),
      `${target} is linked from the README but not in the package`,
    ).toBe(true);
  }
}, 120_000);
