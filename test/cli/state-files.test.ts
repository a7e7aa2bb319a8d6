// A --state (or provider.local `state:`) that is someone else's file, a damaged one, or held by an
// unreadable lock: one line naming the file, exit 1, and the file left exactly as it was.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-state-files-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const cwd = mkdtempSync(join(dir, `${name}-`));
  for (const [file, content] of Object.entries(files)) writeFileSync(join(cwd, file), content);
  return cwd;
}

describe("a state file that is not one", () => {
  test("emulator --state notes.txt (no trailing newline) refuses in one line and keeps the notes", async () => {
    const cwd = project("notes", { "notes.txt": "my notes" });
    const run = await runCli(cwd, ["emulator", "--port", "0", "--state", "notes.txt"]);
    expect(run).toEqual({
      code: 1,
      out: "",
      err:
        `error: ${join(cwd, "notes.txt")} is not a kms-rotation emulator state file (formatVersion 1): ` +
        "line 1 is not JSON; it was left as it is\n",
    });
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("my notes");
  });

  test("emulator --state on a snapshot cut short refuses as damaged instead of starting empty", async () => {
    const truncated = '{"formatVersion":1,"keys":[';
    const cwd = project("cut", { "state.json": truncated });
    const run = await runCli(cwd, ["emulator", "--port", "0", "--state", "state.json"]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `error: ${join(cwd, "state.json")} is a damaged kms-rotation emulator state file: line 1 is cut short; ` +
        "it was left as it is\n",
    );
    expect(readFileSync(join(cwd, "state.json"), "utf8")).toBe(truncated);
  });

  test("provider.local `state:` naming a notes file: plan refuses in one line, the notes stay", async () => {
    const cwd = project("local", {
      "notes.txt": "my notes",
      "kms.yaml": "version: 1\nprovider:\n  local: { state: notes.txt }\nkeys: []\n",
    });
    const run = await runCli(cwd, ["plan", "kms.yaml"]);
    expect(run.code).toBe(1);
    expect(run.out).toBe("");
    expect(run.err).toMatch(/^error: [^\n]*notes\.txt is not a kms-rotation emulator state file[^\n]*\n$/);
    expect(readFileSync(join(cwd, "notes.txt"), "utf8")).toBe("my notes");
  });

  test("a lock file that cannot be read is named, with how to clear it", async () => {
    const cwd = project("lock", { "state.json.lock": "garbage" });
    const run = await runCli(cwd, ["emulator", "--port", "0", "--state", "state.json"]);
    const state = join(cwd, "state.json");
    expect(run).toEqual({
      code: 1,
      out: "",
      err:
        `error: state file ${state} is in use by another process (its lock file ${state}.lock cannot be ` +
        `read); if no kms-rotation process uses it, remove ${state}.lock and try again\n`,
    });
  });
});
