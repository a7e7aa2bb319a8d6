// Owner-only atomic writes: a symlink or special file at the target is refused, and a failure at any step
// (a full disk at open, write, fsync or rename) leaves the previous file whole and no temporary file behind.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { type WriteIo, WriteRefusedError, writeFileAtomic } from "../../src/support/atomic-write.js";
import { tempDir } from "../helpers/fleet.js";

let umask: number;
beforeEach(() => {
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
});

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe("writeFileAtomic", () => {
  test("creates an owner-only file under umask 000 and replaces a 0644 one with a 0600 one", () => {
    const dir = tempDir();
    const file = join(dir, "plan.json");
    writeFileAtomic(file, "one\n");
    expect(fs.readFileSync(file, "utf8")).toBe("one\n");
    expect(mode(file)).toBe(0o600);
    fs.chmodSync(file, 0o644);
    writeFileAtomic(file, "two\n");
    expect(fs.readFileSync(file, "utf8")).toBe("two\n");
    expect(mode(file)).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(["plan.json"]);
  });

  test("a symlink at the target is refused; neither the link nor what it points to changes", () => {
    const dir = tempDir();
    const victim = join(dir, "victim");
    fs.writeFileSync(victim, "precious");
    fs.chmodSync(victim, 0o644);
    const link = join(dir, "plan.json");
    fs.symlinkSync(victim, link);
    expect(() => writeFileAtomic(link, "x")).toThrow(WriteRefusedError);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(victim, "utf8")).toBe("precious");
    expect(mode(victim)).toBe(0o644);
    expect(fs.readdirSync(dir).sort()).toEqual(["plan.json", "victim"]);
  });

  test("a dangling symlink is refused too (it would create the file it names)", () => {
    const dir = tempDir();
    const link = join(dir, "out.yaml");
    fs.symlinkSync(join(dir, "elsewhere"), link);
    expect(() => writeFileAtomic(link, "x")).toThrow(/symbolic link/);
    expect(fs.existsSync(join(dir, "elsewhere"))).toBe(false);
  });

  test("a directory or a FIFO at the target is refused as not a regular file", () => {
    const dir = tempDir();
    fs.mkdirSync(join(dir, "d"));
    expect(() => writeFileAtomic(join(dir, "d"), "x")).toThrow(/not a regular file/);
    const fifo = join(dir, "pipe");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      return;
    }
    expect(() => writeFileAtomic(fifo, "x")).toThrow(/not a regular file/);
  });

  test("a failure at every step leaves the previous file whole and no temporary file", () => {
    const steps = ["openSync", "writeSync", "fsyncSync", "renameSync"] as const;
    let failures = 0;
    for (const step of steps) {
      const dir = tempDir();
      const file = join(dir, "state.json");
      fs.writeFileSync(file, "previous\n");
      const io = failingAt(step);
      expect(() => writeFileAtomic(file, "x".repeat(100_000), { io })).toThrow(/ENOSPC/);
      failures += 1;
      expect(fs.readFileSync(file, "utf8")).toBe("previous\n");
      expect(fs.readdirSync(dir)).toEqual(["state.json"]);
    }
    expect(failures).toBe(steps.length);
  });

  test("short writes are continued until the whole text is on disk", () => {
    const dir = tempDir();
    const file = join(dir, "big.json");
    let calls = 0;
    const io: WriteIo = {
      ...nodeIo(),
      writeSync: (fd, buffer, offset, length) => {
        calls += 1;
        return fs.writeSync(fd, buffer, offset, Math.min(length, 1000));
      },
    };
    const text = "y".repeat(10_500);
    writeFileAtomic(file, text, { io });
    expect(fs.readFileSync(file, "utf8")).toBe(text);
    expect(calls).toBe(11);
  });
});

function nodeIo(): WriteIo {
  return {
    openSync: fs.openSync,
    writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
    fsyncSync: fs.fsyncSync,
    renameSync: fs.renameSync,
  };
}

function failingAt(step: keyof WriteIo): WriteIo {
  const enospc = () => {
    throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
  };
  const io = nodeIo();
  if (step === "writeSync") {
    // Part of the text reaches the temporary file before the disk fills.
    let first = true;
    io.writeSync = (fd, buffer, offset, length) => {
      if (!first) enospc();
      first = false;
      return fs.writeSync(fd, buffer, offset, Math.min(length, 4096));
    };
  } else {
    io[step] = enospc as never;
  }
  return io;
}
