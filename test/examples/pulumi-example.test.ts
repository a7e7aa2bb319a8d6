// examples/pulumi type-checks as its own project (`pulumi new typescript`'s settings, module nodenext)
// against the package as installed: kms-rotation's compiled output and its `exports`.

import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

beforeAll(() => {
  // The example resolves kms-rotation's compiled types. `npm test` has just built them; alone, build first.
  if (process.env.npm_lifecycle_event !== "test" || !existsSync(join(ROOT, "dist", "pulumi", "index.d.ts"))) {
    try {
      execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "ignore" });
    } catch {
      // Type errors elsewhere still emit; the check below fails if the types are missing.
    }
  }
}, 120_000);

it("examples/pulumi type-checks with its own tsconfig against the installed package", () => {
  const project = mkdtempSync(join(tmpdir(), "kms-pulumi-example-"));
  for (const file of ["index.ts", "package.json", "tsconfig.json", "Pulumi.yaml"])
    cpSync(join(ROOT, "examples", "pulumi", file), join(project, file));
  // As `npm install` lays it out: kms-rotation (file:../..) and @pulumi/pulumi in node_modules.
  mkdirSync(join(project, "node_modules", "@pulumi"), { recursive: true });
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(ROOT, join(project, "node_modules", "kms-rotation"), "dir");
  symlinkSync(
    join(ROOT, "node_modules", "@pulumi", "pulumi"),
    join(project, "node_modules", "@pulumi", "pulumi"),
    "dir",
  );
  symlinkSync(
    join(ROOT, "node_modules", "@types", "node"),
    join(project, "node_modules", "@types", "node"),
    "dir",
  );
  const tsc = join(ROOT, "node_modules", "typescript-native", "bin", "tsc");
  let output = "";
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit"], {
      cwd: project,
      encoding: "utf8",
    });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe("");
}, 120_000);
