// The code blocks of the project's documents, as the docs tests read them: fenced blocks of README.md and
// docs/*.md with their line and `<!-- not-run: reason -->` marker, and the `@example` blocks of the
// library's doc comments as the package ships them (dist/**/*.d.ts).

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface DocBlock {
  /** Where the block is, relative to the repository: `README.md`, `docs/ci.md`, `dist/index.d.ts`. */
  readonly file: string;
  /** 1-based line of the block's first line of code in that file. */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** Why the block cannot run here, from `<!-- not-run: <reason> -->` on the line before its fence. */
  readonly notRun?: string;
}

/** README.md and every docs/*.md, in a stable order: the documents a newcomer reads. */
export function documents(root: string): string[] {
  const docs = join(root, "docs");
  const pages = existsSync(docs)
    ? readdirSync(docs)
        .filter((name) => name.endsWith(".md"))
        .sort()
        .map((name) => join("docs", name))
    : [];
  return ["README.md", ...pages];
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)[^\n]*$/;
const NOT_RUN = /^<!--\s*not-run:\s*(.+?)\s*-->$/;

/** Every fenced block of a Markdown text, nested fences (a longer opening fence) kept as text. */
export function fencedBlocks(text: string, file: string): DocBlock[] {
  const lines = text.split("\n");
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "", lang = ""] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? "";
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line);
    }
    const marker = NOT_RUN.exec((lines[i - 1] ?? "").trim());
    blocks.push({
      file,
      line: i + 2,
      lang: lang.toLowerCase(),
      code: `${body.join("\n")}\n`,
      ...(marker?.[1] ? { notRun: marker[1] } : {}),
    });
    i = j;
  }
  return blocks;
}

/** The fenced blocks of README.md and docs/*.md. */
export function documentBlocks(root: string): DocBlock[] {
  return documents(root).flatMap((file) => fencedBlocks(readFileSync(join(root, file), "utf8"), file));
}

export const SHELL_LANGS = new Set(["sh", "bash", "shell", "console"]);
export const TS_LANGS = new Set(["ts", "typescript"]);

/** Files under `dir`, recursively, whose name ends with `suffix`, sorted. */
function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The ```ts blocks of every `@example` in the shipped declarations: what an editor shows a user of the
 * library. A doc comment's lines lose their leading ` * `.
 */
export function jsdocExamples(root: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  for (const path of filesUnder(join(root, "dist"), ".d.ts")) {
    const file = relative(root, path);
    const lines = readFileSync(path, "utf8").split("\n");
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*\*\s*@example\b/.test(lines[i] ?? "")) continue;
      const stripped: string[] = [];
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j] ?? "";
        if (/^\s*\*\/|^\s*\*\s*@\w/.test(line)) break;
        stripped.push(line.replace(/^\s*\* ?/, ""));
      }
      for (const block of fencedBlocks(stripped.join("\n"), file)) {
        if (TS_LANGS.has(block.lang)) blocks.push({ ...block, line: i + block.line });
      }
    }
  }
  return blocks;
}
