// The machine-local apply lock lives where only this user can reach it, and refuses a directory that is not theirs.

import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import { lockWriteTargets } from "../../src/app/write-lock.js";

let dir: string;
let base: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-write-lock-"));
  base = join(dir, "kms-rotation-locks");
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const mode = (path: string) => lstatSync(path).mode & 0o777;

test("lock files are private (0600 in a 0700 directory), named by no endpoint or account, removed on release", async () => {
  const held = await lockWriteTargets(
    [{ endpoint: "https://kms.cn-hangzhou.aliyuncs.com", account: "1234567890123456" }],
    0,
    base,
  );
  const locks = join(dir, "kms-rotation-locks");
  expect(mode(locks)).toBe(0o700);
  const files = readdirSync(locks);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^[0-9a-f]{32}\.lock$/);
  expect(mode(join(locks, files[0] as string))).toBe(0o600);
  held.release();
  expect(readdirSync(locks)).toEqual([]);
});

test("a lock directory open to others is made private; a link in its place is refused", async () => {
  const locks = join(dir, "kms-rotation-locks");
  mkdirSync(locks);
  chmodSync(locks, 0o777);
  (await lockWriteTargets([{ endpoint: "http://127.0.0.1:1" }], 0, base)).release();
  expect(mode(locks)).toBe(0o700);
  rmSync(locks, { recursive: true });
  mkdirSync(join(dir, "elsewhere"));
  symlinkSync(join(dir, "elsewhere"), locks);
  await expect(lockWriteTargets([{ endpoint: "http://127.0.0.1:1" }], 0, base)).rejects.toThrow(
    /kms-rotation-locks is not a directory of this user; remove it and try again$/,
  );
});

test("a busy lock names the endpoint with its password hidden", async () => {
  const endpoint = "http://user:pa55w0rd-secret@127.0.0.1:1/?token=t0ken-secret";
  const held = await lockWriteTargets([{ endpoint }], 0, base);
  try {
    const refused = await lockWriteTargets([{ endpoint }], 0, base).catch((error: Error) => error);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toMatch(
      /^another apply to http:\/\/.*127\.0\.0\.1:1.* is running on this machine: pid \d+/,
    );
    expect(message).not.toContain("pa55w0rd-secret");
    expect(message).not.toContain("t0ken-secret");
  } finally {
    held.release();
  }
});
