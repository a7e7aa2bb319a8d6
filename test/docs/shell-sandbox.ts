// Where a document's shell blocks run: a fresh folder laid out like a newcomer's (this repository's
// examples/, and kms/rotation.yaml, the quickstart as "your" config), the built CLI on PATH as
// `kms-rotation` and as `npx kms-rotation`, a home of its own and no cloud credentials.

import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { BIN, ROOT } from "../helpers/built.js";
import type { DocBlock } from "./doc-blocks.js";

export interface Sandbox {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  /** A free loopback port that stands for the documents' `8300`, so parallel runs do not collide. */
  readonly port: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A fresh sandbox: examples/, kms/rotation.yaml (the quickstart), bin/ with the CLI and an npx for it. */
export async function makeSandbox(): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), "kms-docs-"));
  cpSync(join(ROOT, "examples"), join(dir, "examples"), { recursive: true });
  cpSync(join(ROOT, "schemas"), join(dir, "schemas"), { recursive: true });
  mkdirSync(join(dir, "kms"));
  const quickstart = readFileSync(join(ROOT, "examples", "quickstart.yaml"), "utf8");
  const rotation = quickstart.replace(
    /seed: quickstart-fleet\.yaml/,
    "seed: ../examples/quickstart-fleet.yaml",
  );
  if (rotation === quickstart)
    throw new Error("examples/quickstart.yaml no longer seeds quickstart-fleet.yaml");
  writeFileSync(join(dir, "kms", "rotation.yaml"), rotation);
  const bin = join(dir, ".bin");
  mkdirSync(bin);
  symlinkSync(BIN, join(bin, "kms-rotation"));
  // `npx kms-rotation` runs the CLI as installed; anything else goes to the real npx.
  writeFileSync(
    join(bin, "npx"),
    `#!/bin/sh\nif [ "$1" = kms-rotation ]; then shift; exec "${BIN}" "$@"; fi\nexec "${join(dirname(process.execPath), "npx")}" "$@"\n`,
  );
  chmodSync(join(bin, "npx"), 0o755);
  mkdirSync(join(dir, ".home"));
  const env: NodeJS.ProcessEnv = {
    PATH: [bin, dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(":"),
    HOME: join(dir, ".home"),
    TMPDIR: tmpdir(),
    LANG: "C.UTF-8",
    COLUMNS: "100",
    NO_COLOR: "1",
    GITHUB_STEP_SUMMARY: join(dir, ".step-summary.md"),
  };
  return { dir, env, port: await freePort() };
}

const COMPOUND = /^\s*(if|then|else|elif|fi|for|while|until|do|done|case|esac)\b|<<|[{(]\s*$|^\s*[})]/;
const EXPECTED_EXIT = /#.*\bexit (\d+)\b/;
const ASKS_YES = /#.*asks for "yes"/;

/** A shell string quoted for `sh`, whatever it holds. */
const quote = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The block as a bash script that stops at the first command whose exit code is not the one its
 * comment gives (`# exit 2 ...`; 0 when it says none), naming the document's line. A command whose
 * comment says it `asks for "yes"` runs on a terminal (util-linux `script`) and is answered `yes`.
 * A block with compound commands (if, for, a heredoc) runs whole under `set -e`.
 */
export function blockScript(block: DocBlock, port: number): string {
  const code = block.code.replaceAll(/\b8300\b/g, String(port));
  if (code.split("\n").some((line) => COMPOUND.test(line))) return `set -e\n${code}`;
  const lines = code.split("\n");
  const out: string[] = ["set -o pipefail"];
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let command = lines[i] ?? "";
    while (command.endsWith("\\") && i + 1 < lines.length) command += `\n${lines[++i] ?? ""}`;
    const trimmed = command.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const expected = Number(EXPECTED_EXIT.exec(command)?.[1] ?? 0);
    const where = `${block.file}:${block.line + start}`;
    const run = ASKS_YES.test(command)
      ? `printf 'yes\\n' | script -qefc ${quote(command.replace(/\s+#.*$/, ""))} /dev/null`
      : command;
    out.push(
      run,
      `__rc=$?; if [ "$__rc" -ne ${expected} ]; then echo "${where}: exit $__rc, the document says ${expected}" >&2; exit 97; fi`,
    );
  }
  return `${out.join("\n")}\n`;
}

export interface BlockRun {
  readonly code: number | null;
  readonly output: string;
}

/** Runs one block in the sandbox with bash; background jobs it started are ended with it. */
export function runBlock(sandbox: Sandbox, block: DocBlock, timeoutMs = 120_000): Promise<BlockRun> {
  const child = spawn("bash", ["-c", blockScript(block, sandbox.port)], {
    cwd: sandbox.dir,
    env: sandbox.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c) => {
    output += c;
  });
  child.stderr.on("data", (c) => {
    output += c;
  });
  const endGroup = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // The group has already ended.
    }
  };
  const timer = setTimeout(() => {
    output += `\n(timed out after ${timeoutMs} ms)`;
    endGroup();
  }, timeoutMs);
  return new Promise((resolve) => {
    child.on("exit", (code) => {
      clearTimeout(timer);
      endGroup();
      // A background job holds the pipes until it ends; give it a moment, then answer.
      const settle = setTimeout(() => resolve({ code, output }), 2000);
      child.on("close", () => {
        clearTimeout(settle);
        resolve({ code, output });
      });
    });
  });
}
