// Every shell block of README.md and docs/*.md runs as written, in order, one fresh sandbox per document
// (see shell-sandbox.ts), and exits as its comment says. A block that cannot run here (real cloud
// credentials, a step that only exists on GitHub) carries `<!-- not-run: <reason> -->` on the line before
// its fence; those are counted, and an unmarked block that fails fails the test.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, useBuiltCli } from "../helpers/built.js";
import { type DocBlock, documents, fencedBlocks, SHELL_LANGS } from "./doc-blocks.js";
import { blockScript, makeSandbox, runBlock } from "./shell-sandbox.js";

useBuiltCli();

const shellBlocks = (file: string): DocBlock[] =>
  fencedBlocks(readFileSync(join(ROOT, file), "utf8"), file).filter((b) => SHELL_LANGS.has(b.lang));

describe("shell blocks of the documents", () => {
  const files = documents(ROOT);

  it("the convention holds: blocks exist, and every one left out says why", () => {
    const blocks = files.flatMap(shellBlocks);
    const left = blocks.filter((b) => b.notRun !== undefined);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of left) expect(block.notRun?.length, `${block.file}:${block.line}`).toBeGreaterThan(8);
    // The newcomer's path itself is never left out: the quick start runs, apply included.
    const quickstart = blocks.filter(
      (b) => b.file === "README.md" && /apply +examples\/quickstart/.test(b.code),
    );
    expect(quickstart.length).toBeGreaterThan(0);
    expect(quickstart.filter((b) => b.notRun !== undefined)).toEqual([]);
  });

  it("a command exits as its comment says, and a wrong exit names the document's line", () => {
    const block: DocBlock = {
      file: "X.md",
      line: 10,
      lang: "sh",
      code: "true   # exit 0\nfalse  # exit 1\nkms-rotation --port 8300 drift   # exit 2 on drift\n",
    };
    const script = blockScript(block, 4242);
    expect(script).toContain("--port 4242");
    expect(script).toContain('-ne 1 ]; then echo "X.md:11');
    expect(script).toContain('-ne 2 ]; then echo "X.md:12');
  });

  for (const file of files) {
    it(`${file}: every shell block runs as written`, async () => {
      const blocks = shellBlocks(file);
      const sandbox = await makeSandbox();
      const failures: string[] = [];
      for (const block of blocks) {
        if (block.notRun !== undefined) continue;
        const run = await runBlock(sandbox, block);
        if (run.code !== 0)
          failures.push(`${file}:${block.line} exited ${run.code}:\n${run.output.slice(-3000)}`);
      }
      expect(failures, failures.join("\n\n")).toEqual([]);
    }, 600_000);
  }
});
