// One writer per state file: the lock names its holder, refuses a second process, and is recovered
// exactly once when its holder died, even when several processes race to recover it.

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { lockStateFile, StateInUseError } from "../../src/support/file-lock.js";
import { ROOT, useBuiltCli } from "../helpers/built.js";

const DIST_LOCK = join(ROOT, "dist", "support", "file-lock.js");
let dir: string;
const children: ChildProcess[] = [];

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-lock-"));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function deadLock(statePath: string): void {
  const pid = spawnAndWait();
  writeFileSync(
    `${statePath}.lock`,
    JSON.stringify({ pid, host: hostname(), since: "2026-01-01T00:00:00.000Z", token: `dead-${pid}` }),
  );
}

function spawnAndWait(): number {
  const child = execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.toString());
}

describe("the state lock", () => {
  test("a second lock on a held file is refused, naming the file and the holder; release frees it", () => {
    const statePath = join(dir, "held.json");
    const lock = lockStateFile(statePath);
    expect(JSON.parse(readFileSync(`${statePath}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    expect(() => lockStateFile(statePath)).toThrow(StateInUseError);
    expect(() => lockStateFile(statePath)).toThrow(`state file ${statePath} is in use by pid ${process.pid}`);
    lock.release();
    expect(existsSync(`${statePath}.lock`)).toBe(false);
    lockStateFile(statePath).release();
  });

  test("the lock of a process that no longer runs is recovered", () => {
    const statePath = join(dir, "stale.json");
    deadLock(statePath);
    const lock = lockStateFile(statePath);
    expect(JSON.parse(readFileSync(`${statePath}.lock`, "utf8"))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  test("a lock file nobody can read is never taken over", () => {
    const statePath = join(dir, "garbage.json");
    writeFileSync(`${statePath}.lock`, "not a lock");
    // It names the lock file and how to clear it, since only the user can tell it is left over.
    expect(() => lockStateFile(statePath)).toThrow(
      `state file ${statePath} is in use by another process (its lock file ${statePath}.lock cannot be read); ` +
        `if no kms-rotation process uses it, remove ${statePath}.lock and try again`,
    );
    expect(readFileSync(`${statePath}.lock`, "utf8")).toBe("not a lock");
  });

  test("a lock held on another host is never taken over", () => {
    const statePath = join(dir, "remote.json");
    writeFileSync(
      `${statePath}.lock`,
      JSON.stringify({ pid: 1, host: "elsewhere.example", since: "2026-01-01T00:00:00Z", token: "t" }),
    );
    expect(() => lockStateFile(statePath)).toThrow(/in use by pid 1 on elsewhere\.example/);
  });

  test("eight processes racing to recover one dead lock: exactly one gets it", async () => {
    const statePath = join(dir, "race.json");
    deadLock(statePath);
    // Each process loads, says "ready", waits for "go" (sent to all at once), tries once, and holds what
    // it got until its stdin closes: every attempt happens while a winner is still alive, so two winners
    // would both answer "got".
    const script = `
      import { lockStateFile } from ${JSON.stringify(DIST_LOCK)};
      process.stdout.write("ready\\n");
      process.stdin.once("data", () => {
        let answer;
        try { lockStateFile(${JSON.stringify(statePath)}); answer = "got"; }
        catch (error) { answer = error.name === "StateInUseError" ? "busy" : "error " + error.message; }
        process.stdout.write(answer + "\\n");
      });
      process.stdin.on("end", () => process.exit(0));
    `;
    const racers = Array.from({ length: 8 }, () => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: "pipe" });
      children.push(child);
      const lines: string[] = [];
      const waiters: (() => void)[] = [];
      child.stdout?.on("data", (chunk: Buffer) => {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        for (const wake of waiters.splice(0)) wake();
      });
      const line = (n: number) =>
        new Promise<string>((resolve, reject) => {
          const check = () => (lines.length > n ? resolve(lines[n] as string) : waiters.push(check));
          child.on("close", (code) => reject(new Error(`exited ${code}: ${lines.join(" ")}`)));
          check();
        });
      return { child, line };
    });
    await Promise.all(racers.map((r) => r.line(0)));
    for (const r of racers) r.child.stdin?.write("go\n");
    const answers = await Promise.all(racers.map((r) => r.line(1)));
    for (const r of racers) r.child.stdin?.end();
    expect(answers.filter((a) => a === "got")).toHaveLength(1);
    expect(answers.filter((a) => a === "busy")).toHaveLength(7);
  });
});
