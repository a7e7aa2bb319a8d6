// Every TypeScript example a user can copy type-checks under `strict` with module nodenext, against the
// package as installed (its compiled declarations and `exports`): the ```ts blocks of README.md and
// docs/*.md as written (complete modules), and the `@example` blocks of the library's doc comments as an
// editor shows them. A doc comment's example may be a fragment (no `import` line): then the names its
// entry exports and node:fs's are in scope, and EXAMPLE_CONTEXT's names stand for a program's values.
// One project, one tsc run.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, useBuiltCli } from "../helpers/built.js";
import { type DocBlock, documentBlocks, jsdocExamples, TS_LANGS } from "./doc-blocks.js";

useBuiltCli("dist/index.d.ts");

/** The values a fragment may use without declaring them (typed by the library's own functions). */
const EXAMPLE_CONTEXT = `
declare const config: Config;
declare const kms: Kms;
declare const kmsFor: KmsForRegion;
declare const now: Date;
declare const planned: Plan;
declare const observations: Observation[];
declare const drift: DriftReport;
declare const audit: NonNullable<Awaited<ReturnType<typeof auditConfig>>["report"]>;
declare const result: ApplyResult;
`;

/** The package entry whose declarations hold the example: `kms-rotation`, `kms-rotation/pulumi`, ... */
function entryOf(file: string): string {
  const sub = /^dist\/(pulumi|signing)\//.exec(file)?.[1];
  return sub ? `kms-rotation/${sub}` : "kms-rotation";
}

/** Every name an entry exports, values and types, read from its declaration file. */
function exportedNames(entry: string): string[] {
  const exported = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).exports as Record<
    string,
    { types?: string }
  >;
  const types = exported[entry === "kms-rotation" ? "." : `./${entry.slice("kms-rotation/".length)}`]?.types;
  if (!types) return [];
  const text = readFileSync(join(ROOT, types), "utf8");
  const names = new Set<string>();
  for (const m of text.matchAll(/export (?:declare )?(?:const|function|class|type|interface|enum) (\w+)/g))
    names.add(m[1] as string);
  for (const m of text.matchAll(/export (?:type )?\{([^}]*)\}/g))
    for (const part of (m[1] as string).split(",")) {
      const name = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  return [...names].sort();
}

/** The module a block becomes: as written, or a fragment wrapped with its entry's names and the context. */
function moduleText(block: DocBlock): string {
  const complete = /^\s*import\s/m.test(block.code) || !block.file.startsWith("dist/");
  if (complete) return block.code;
  const entry = entryOf(block.file);
  const names = exportedNames(entry);
  const context = entry === "kms-rotation" ? EXAMPLE_CONTEXT : "";
  return [
    `import { ${names.join(", ")} } from "${entry}";`,
    entry === "kms-rotation" ? "" : `import { auditConfig } from "kms-rotation";`,
    `import { readFileSync, writeFileSync } from "node:fs";`,
    context,
    "export async function example(): Promise<void> {",
    block.code,
    "}",
    "",
  ].join("\n");
}

function linkDependency(project: string, name: string): void {
  const target = join(ROOT, "node_modules", name);
  if (!existsSync(target)) return;
  mkdirSync(join(project, "node_modules", name, ".."), { recursive: true });
  symlinkSync(target, join(project, "node_modules", name), "dir");
}

describe("TypeScript examples", () => {
  it("every ts example in README, docs/ and the library's doc comments compiles under strict/nodenext", () => {
    const blocks = [...documentBlocks(ROOT).filter((b) => TS_LANGS.has(b.lang)), ...jsdocExamples(ROOT)];
    // A test that checks nothing cannot fail: the README and the library entry have examples.
    expect(blocks.filter((b) => b.file === "README.md" || b.file.startsWith("docs/")).length).toBeGreaterThan(
      0,
    );
    expect(blocks.filter((b) => b.file.startsWith("dist/")).length).toBeGreaterThan(20);

    const project = mkdtempSync(join(tmpdir(), "kms-ts-examples-"));
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "examples", type: "module" }));
    // `tsc --init`'s strictness (TypeScript 5.9 and later), with Node's module rules.
    const compilerOptions = {
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      module: "nodenext",
      moduleResolution: "nodenext",
      target: "es2022",
      lib: ["es2023"],
      types: ["node"],
      skipLibCheck: true,
      noEmit: true,
    };
    const where = new Map<string, DocBlock>();
    blocks.forEach((block, i) => {
      const name = `example-${String(i).padStart(3, "0")}.ts`;
      where.set(name, block);
      writeFileSync(join(project, name), moduleText(block));
    });
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions, files: [...where.keys()] }, null, 2),
    );
    mkdirSync(join(project, "node_modules"));
    symlinkSync(ROOT, join(project, "node_modules", "kms-rotation"), "dir");
    for (const dep of ["@types/node", "@pulumi/pulumi"]) linkDependency(project, dep);

    const tsc = join(ROOT, "node_modules", "typescript-native", "bin", "tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], {
        cwd: project,
        encoding: "utf8",
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // Each error named by the document and line it came from.
    const errors = output
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        const m = /^(example-\d+\.ts)\((\d+),(\d+)\): (.*)$/.exec(line);
        const block = m ? where.get(m[1] as string) : undefined;
        return block ? `${block.file} (example at line ${block.line}): ${m?.[4]}` : line;
      });
    expect(errors, errors.join("\n")).toEqual([]);
  }, 180_000);
});
