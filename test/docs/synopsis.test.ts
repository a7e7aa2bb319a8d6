// docs/commands.md's synopsis is what the CLI says: each command's line is its `--help` Usage line, and
// every command the CLI lists has one (the README's `import` once lacked `--out`).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { BIN, ROOT, runBuilt, useBuiltCli } from "../helpers/built.js";

useBuiltCli();

it("docs/commands.md's synopsis is each command's --help Usage line", async () => {
  const page = readFileSync(join(ROOT, "docs", "commands.md"), "utf8");
  const synopsis = /## Synopsis\n\n```\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
  const documented = new Map(
    synopsis
      .split("\n")
      .map((line) => /^kms-rotation (\w+)\s+(.*)$/.exec(line))
      .flatMap((m) => (m ? [[m[1] as string, (m[2] as string).trim()] as const] : [])),
  );
  const help = await runBuilt(ROOT, ["--help"]);
  const commands = [...help.stdout.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] as string);
  expect(commands.length).toBeGreaterThan(8);
  expect([...documented.keys()].sort()).toEqual([...commands].sort());
  for (const command of commands) {
    const usage = (await runBuilt(ROOT, [command, "--help"])).stdout.split("\n")[0] ?? "";
    const line = usage.replace(new RegExp(`^Usage: kms-rotation ${command}\\s*`), "");
    expect(documented.get(command), `${BIN} ${command} --help`).toBe(line.trim());
  }
});
