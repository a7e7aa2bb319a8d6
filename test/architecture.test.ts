// ARCHITECTURE.md's import table, held against the code: every import (static, dynamic, type-only) from one
// folder of src/ into another must be an arrow the table allows, and no module may reach itself again.

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/**
 * Folder -> the folders of ours it may import (itself always allowed). `*` is everything. Read from the
 * table in ARCHITECTURE.md, between its markers, so the document and the code cannot differ.
 */
function tableOf(markdown: string): Record<string, readonly string[] | "*"> {
  const match = /<!-- architecture-table:start -->\n([\s\S]*?)<!-- architecture-table:end -->/.exec(markdown);
  if (!match) throw new Error("ARCHITECTURE.md has no architecture-table markers");
  const rows = (match[1] as string).split("\n").filter((line) => /^\|\s*`/.test(line));
  return Object.fromEntries(
    rows.map((row) => {
      const cells = row.split("|").map((cell) => cell.trim());
      const folder = (cells[1] as string).replaceAll("`", "");
      const imports = cells[3] as string;
      if (imports === "*") return [folder, "*"];
      return [folder, imports === "" ? [] : imports.split(",").map((name) => name.trim())];
    }),
  );
}

const ALLOWED = tableOf(readFileSync(new URL("../ARCHITECTURE.md", import.meta.url), "utf8"));

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Relative specifiers of `import ... from`, `export ... from`, `import("...")` and `import "..."`. */
function importsOf(text: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}

function edges(files: readonly string[]): Edge[] {
  return files.flatMap((file) =>
    importsOf(readFileSync(file, "utf8")).map((specifier) => ({
      from: file,
      to: resolve(dirname(file), specifier).replace(/\.js$/, ".ts"),
      specifier,
    })),
  );
}

/** `src/plan/drift.ts` -> `plan`; `src/index.ts` -> `.`. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(/[\\/]/);
  return parts.length === 1 ? "." : (parts[0] as string);
}

function violations(all: readonly Edge[]): string[] {
  return all.flatMap(({ from, to, specifier }) => {
    const source = folderOf(from);
    const target = folderOf(to);
    const allowed = ALLOWED[source];
    if (allowed === undefined)
      return [`${relative(SRC, from)}: folder "${source}" is not in ARCHITECTURE.md's table`];
    if (source === target || allowed === "*" || allowed.includes(target)) return [];
    return [`${relative(SRC, from)} imports ${specifier}: ${source} may not import ${target}`];
  });
}

/** Every cycle of files found by depth-first search, each as `a -> b -> a`. */
function cycles(all: readonly Edge[]): string[] {
  const next = new Map<string, string[]>();
  for (const e of all) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const state = new Map<string, "open" | "done">();
  const found: string[] = [];
  const visit = (file: string, path: string[]) => {
    state.set(file, "open");
    for (const to of next.get(file) ?? []) {
      if (state.get(to) === "open") {
        const loop = [...path.slice(path.indexOf(to)), to];
        found.push(loop.map((f) => relative(SRC, f)).join(" -> "));
      } else if (!state.has(to)) visit(to, [...path, to]);
    }
    state.set(file, "done");
  };
  for (const file of next.keys()) if (!state.has(file)) visit(file, [file]);
  return found;
}

/** Declarative tables, long by nature: a row per command, not logic to split. */
const TABLES = ["cli/commands.ts"];

/** `file name` for every function (declaration, arrow bound to a const, method) longer than `limit` lines. */
function longFunctions(file: string, text: string, limit: number): string[] {
  const start =
    /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\*?\s+(\w+)|^\s*(?:export\s+)?const\s+(\w+)\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*(?::[^=]+)?=>\s*\{\s*$|^\s+(?:(?:public|private|protected|static|async|override)\s+)*(\w+)\s*\([^)]*\)\s*(?::[^{]+)?\{\s*$/;
  const lines = text.split("\n");
  const found: string[] = [];
  lines.forEach((line, i) => {
    const m = start.exec(line);
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!name || ["if", "for", "while", "switch", "catch"].includes(name)) return;
    let depth = 0;
    let end = i;
    for (let opened = false; end < lines.length; end++) {
      const code = (lines[end] as string)
        // Strings first: a `//` inside one ("http://...") is no comment.
        .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, "")
        .replace(/\/\/.*$/, "");
      for (const ch of code) {
        if (ch === "{") [depth, opened] = [depth + 1, true];
        else if (ch === "}") depth -= 1;
      }
      if (opened && depth <= 0) break;
    }
    if (end - i + 1 > limit) found.push(`${relative(SRC, file)} ${name}`);
  });
  return found;
}

const files = sourceFiles(SRC);
const all = edges(files);

describe("ARCHITECTURE.md's import table", () => {
  it("every import between folders of src/ is an arrow the table allows", () => {
    expect(violations(all)).toEqual([]);
  });

  it("the table has a row for every folder of src/ and none for a folder that is gone", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(Object.keys(ALLOWED).sort()).toEqual([...folders, "."].sort());
  });

  it("reads the table's rows: a folder with nothing, a list, and everything", () => {
    const table = tableOf(
      [
        "<!-- architecture-table:start -->",
        "| folder | its one job | may import |",
        "|---|---|---|",
        "| `model` | words | |",
        "| `plan` | decisions | model |",
        "| `cli` | argv | * |",
        "<!-- architecture-table:end -->",
      ].join("\n"),
    );
    expect(table).toEqual({ model: [], plan: ["model"], cli: "*" });
  });

  it("no module imports itself again through others (types and lazy imports included)", () => {
    expect(cycles(all)).toEqual([]);
  });

  it("no file of src/ past ~250 lines but the declarative tables", () => {
    const long = files
      .map((f) => relative(SRC, f))
      .filter((f) => readFileSync(join(SRC, f), "utf8").split("\n").length > 255);
    expect(long.filter((f) => !TABLES.includes(f))).toEqual([]);
  });

  it("no function past ~60 lines", () => {
    expect(files.flatMap((f) => longFunctions(f, readFileSync(f, "utf8"), 60))).toEqual([]);
  });

  it("measures a function from its line to its closing brace", () => {
    const body = Array.from({ length: 61 }, (_, i) => `  const a${i} = "}";`).join("\n");
    const text = `export function long(): void {\n${body}\n}\nfunction short() {\n  return 1;\n}\n`;
    expect(longFunctions(join(SRC, "x.ts"), text, 60)).toEqual(["x.ts long"]);
  });

  it("reads a `//` inside a string as part of the string, not as a comment", () => {
    const body = Array.from({ length: 61 }, (_, i) => `  const a${i} = ${i};`).join("\n");
    const text = `function url() {\n  return { href: "http://x" };\n}\nfunction later() {\n${body}\n}\n`;
    expect(longFunctions(join(SRC, "x.ts"), text, 60)).toEqual(["x.ts later"]);
  });

  it("the model, the planner and the views do no I/O: no file, network or process module", () => {
    const io = /from\s*["']node:(fs|fs\/promises|net|http|https|child_process|readline)["']/;
    const pure = files.filter((f) => ["model", "plan", "render"].includes(folderOf(f)));
    expect(pure.filter((f) => io.test(readFileSync(f, "utf8"))).map((f) => relative(SRC, f))).toEqual([]);
  });

  it("fails when an arrow is reversed: the planner importing KMS, a renderer reading a plan file", () => {
    const planner = join(SRC, "plan/index.ts");
    const renderer = join(SRC, "render/index.ts");
    const reversed: Edge[] = [
      { from: planner, to: join(SRC, "kms/index.ts"), specifier: "../kms/index.js" },
      { from: renderer, to: join(SRC, "plan-file/index.ts"), specifier: "../plan-file/index.js" },
    ];
    expect(violations(reversed)).toEqual([
      "plan/index.ts imports ../kms/index.js: plan may not import kms",
      "render/index.ts imports ../plan-file/index.js: render may not import plan-file",
    ]);
  });

  it("finds a cycle of types as well as one of values", () => {
    const a = join(SRC, "cli/commands.ts");
    const b = join(SRC, "cli/commands/plan.ts");
    const loop: Edge[] = [
      { from: a, to: b, specifier: "./commands/plan.js" },
      { from: b, to: a, specifier: "../commands.js" },
    ];
    expect(cycles(loop)).toEqual(["cli/commands.ts -> cli/commands/plan.ts -> cli/commands.ts"]);
  });

  it("reads every form of import", () => {
    const text = [
      'import { a } from "../a.js";',
      'import type { B } from "./b.js";',
      'export { c } from "../c/index.js";',
      'const d = await import("../d.js");',
      'import "./e.js";',
      'import { x } from "node:fs";',
    ].join("\n");
    expect(importsOf(text)).toEqual(["../a.js", "./b.js", "../c/index.js", "../d.js", "./e.js"]);
  });
});
