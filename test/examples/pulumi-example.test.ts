// examples/pulumi type-checks as its own project (`pulumi new typescript`'s settings, module nodenext)
// against the package as installed: kms-rotation's compiled output and its `exports`.

import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ROOT, useBuiltCli } from "../helpers/built.js";

useBuiltCli("dist/pulumi/index.d.ts");

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
