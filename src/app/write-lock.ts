// One apply at a time per KMS target on this machine. KMS has no server-side lock, so two
// applies racing on one key can both decide it is due and each create a version; a lock file per
// KMS target (its canonical endpoint) in a per-user directory serialises the runs of one machine (not
// those of several).
// The lock itself is the state file's (src/support/file-lock.ts): atomic, names its holder, and is
// recovered when its holder died.

import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shownEndpoint } from "../model/endpoint.js";
import type { StateLock } from "../support/file-lock.js";

/** A place an apply writes to: the endpoint as resolved (`https://kms.cn-hangzhou.aliyuncs.com`), and the account. */
export interface WriteTarget {
  /** As shown to people when the lock is busy. */
  readonly endpoint: string;
  /** What the lock is named by: the canonical endpoint (kms/endpoint.ts); default `endpoint` as spelled. */
  readonly key?: string;
  /** The config's account name; undefined for the default credentials. */
  readonly account?: string;
}

/** Another apply on this machine holds one of the targets for longer than the wait, or the lock directory is not ours. */
export class WriteLockError extends Error {
  override readonly name = "WriteLockError";
}

export interface WriteLocks {
  release(): void;
}

/**
 * Takes the lock of every target, in one order for every run (so two runs wanting the same targets
 * cannot each hold one and wait for the other's), waiting up to `waitMs` in all for those held.
 */
export async function lockWriteTargets(
  targets: readonly WriteTarget[],
  waitMs: number,
  base = defaultLockBase(),
): Promise<WriteLocks> {
  const { lockStateFile, StateInUseError } = await import("../support/file-lock.js");
  const dir = lockDir(base);
  const byName = new Map(targets.map((t) => [lockName(t), t]));
  const names = [...byName.keys()].sort();
  const taken: StateLock[] = [];
  const releaseAll = () => {
    for (const lock of taken.splice(0).reverse()) lock.release();
  };
  const started = performance.now();
  try {
    for (const name of names) {
      for (let pause = 25; ; pause = Math.min(pause * 2, 250)) {
        try {
          taken.push(lockStateFile(join(dir, name)));
          break;
        } catch (error) {
          if (!(error instanceof StateInUseError)) throw error;
          const waited = performance.now() - started;
          if (waited >= waitMs) throw busy(byName.get(name) as WriteTarget, error, waited, join(dir, name));
          await new Promise((resolve) => setTimeout(resolve, Math.min(pause, waitMs - waited)));
        }
      }
    }
  } catch (error) {
    releaseAll();
    throw error;
  }
  return { release: releaseAll };
}

/**
 * Where every run of this user finds the same locks: `/tmp/kms-rotation-locks-<uid>`, not the temp
 * directory TMPDIR names (two shells with different TMPDIRs would hold two locks); os.tmpdir() where
 * there is no /tmp (Windows).
 */
export function defaultLockBase(): string {
  const uid = process.getuid?.();
  if (uid === undefined || !fs.existsSync("/tmp")) return join(tmpdir(), "kms-rotation-locks");
  return `/tmp/kms-rotation-locks-${uid}`;
}

/**
 * The lock directory, private to this user. /tmp is shared: a directory someone else made there first
 * (or a link in its place) could let them hold or remove our locks, so it is refused rather than used.
 */
function lockDir(dir: string): string {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  const uid = process.getuid?.();
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid)) {
    throw new WriteLockError(
      `cannot lock for apply: ${dir} is not a directory of this user; remove it and try again`,
    );
  }
  if ((stat.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  return dir;
}

/** Named by a hash: the file name shows neither the endpoint nor the account, and fits any file system. */
function lockName(target: WriteTarget): string {
  const id = target.key ?? target.endpoint;
  return createHash("sha256").update(id).digest("hex").slice(0, 32);
}

function busy(
  target: WriteTarget,
  error: { readonly holder?: { readonly pid: number; readonly since: string } | undefined },
  waitedMs: number,
  lockPath: string,
): WriteLockError {
  const account = target.account === undefined ? "" : ` (account ${target.account})`;
  const holder = error.holder
    ? `pid ${error.holder.pid} since ${error.holder.since}`
    : `another process (if no kms-rotation process runs, remove ${lockPath}.lock)`;
  return new WriteLockError(
    `another apply to ${shownEndpoint(target.endpoint)}${account} is running on this machine: ${holder} ` +
      `(waited ${Math.round(waitedMs / 1000)} s); nothing was changed. Run one apply per account at a time`,
  );
}
