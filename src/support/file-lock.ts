// One writer per state file: `<state>.lock` names the process that holds it. Taken atomically (the lock
// is written whole to a private file, then hard-linked into place, which fails if a lock exists), released
// on close or process exit, and recovered when its holder died (SIGKILL, power loss).
//
// Why our own and not proper-lockfile: that library judges staleness by the lock's age (a holder must touch
// it every few seconds, and a long synchronous compaction would lose it), stores no pid to name the holder,
// and is asynchronous where opening the store is synchronous. Here a lock is stale only when its holder's
// pid is gone from this host, which names the holder and needs no heartbeat.

import { randomUUID } from "node:crypto";
import * as fs from "node:fs";
import { hostname } from "node:os";

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lock (ISO-8601). */
  readonly since: string;
  /** Unique per acquisition: tells one lock from the next even when a pid or inode is reused. */
  readonly token: string;
}

/** The state file is held by another live process (or by this one, through another handle). */
export class StateInUseError extends Error {
  override readonly name = "StateInUseError";
  constructor(
    readonly statePath: string,
    readonly holder: LockHolder | undefined,
    waitedMs = 0,
  ) {
    const waited = waitedMs > 0 ? ` (waited ${Math.round(waitedMs / 1000)} s)` : "";
    // A lock naming no holder may be left over (a foreign or damaged file): only the user can tell.
    const advice = holder
      ? "one process at a time may use it"
      : `if no kms-rotation process uses it, remove ${lockPathOf(statePath)} and try again`;
    super(`state file ${statePath} is in use by ${describeHolder(holder, statePath)}${waited}; ${advice}`);
  }
}

export interface StateLock {
  readonly lockPath: string;
  release(): void;
}

const held = new Map<string, LockHolder>();
let exitHookInstalled = false;

/** Take the lock of `statePath` now, or throw StateInUseError naming its holder. */
export function lockStateFile(statePath: string): StateLock {
  const lockPath = lockPathOf(statePath);
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  // Each round either takes the lock, finds a live holder, or clears one dead holder's lock: a few
  // rounds are plenty, and the bound keeps two processes from chasing each other forever.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(lockPath, me)) {
      held.set(lockPath, me);
      installExitHook();
      return { lockPath, release: () => release(lockPath, me) };
    }
    const current = readHolder(lockPath);
    if (current === "gone") continue;
    if (current === undefined || isAlive(current)) throw new StateInUseError(statePath, current);
    removeStale(lockPath, current);
  }
  throw new StateInUseError(statePath, undefined);
}

function lockPathOf(statePath: string): string {
  return `${statePath}.lock`;
}

function release(lockPath: string, me: LockHolder): void {
  if (held.get(lockPath)?.token !== me.token) return;
  held.delete(lockPath);
  const current = readHolder(lockPath);
  // Never remove a lock that is not ours (someone cleared ours as stale: only if we had died).
  if (current !== "gone" && current?.token === me.token) unlinkQuietly(lockPath);
}

/** Writes `holder` to a private file and links it to `file`; false when `file` already exists. */
function createExclusive(file: string, holder: LockHolder): boolean {
  const draft = `${file}.${holder.pid}.${holder.token}`;
  fs.writeFileSync(draft, `${JSON.stringify(holder)}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== undefined && NO_HARD_LINKS.has(code)) return createInPlace(file, holder);
    throw error;
  } finally {
    unlinkQuietly(draft);
  }
}

// File systems without hard links (FAT, some network shares) answer link() with one of these.
const NO_HARD_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);

/** O_EXCL create, then write: for a moment the lock is empty, which readers take as held, never as stale. */
function createInPlace(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(holder)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Remove one dead holder's lock and nothing else. Whoever creates `<file>.break-<token>` first may remove
 * that lock; everyone else waits for the next round. Without it, two processes could both see the dead
 * lock, the first replace it with its own, and the second delete that live lock, thinking it the dead one.
 * A breaker whose own holder died mid-way is broken the same way, one level down.
 */
function removeStale(file: string, stale: LockHolder, depth = 0): void {
  const breaker = `${file}.break-${stale.token}`;
  const me: LockHolder = { ...stale, pid: process.pid, host: hostname(), token: randomUUID() };
  if (!createExclusive(breaker, me)) {
    const other = readHolder(breaker);
    if (depth < 3 && other !== "gone" && other !== undefined && !isAlive(other))
      removeStale(breaker, other, depth + 1);
    return;
  }
  try {
    const current = readHolder(file);
    if (current !== "gone" && current?.token === stale.token) unlinkQuietly(file);
  } finally {
    unlinkQuietly(breaker);
  }
}

/** The holder a lock file names; "gone" when there is no such file; undefined when it cannot be read. */
function readHolder(file: string): LockHolder | "gone" | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "gone" : undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === "number" && typeof value.host === "string" && typeof value.token === "string") {
      return { pid: value.pid, host: value.host, since: String(value.since ?? ""), token: value.token };
    }
  } catch {
    // Not ours, or damaged: nobody can say whose it is, so it is not ours to remove.
  }
  return undefined;
}

/** A holder on another host may be alive: we cannot tell, so we never take its lock. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function describeHolder(holder: LockHolder | undefined, statePath: string): string {
  if (!holder) return `another process (its lock file ${lockPathOf(statePath)} cannot be read)`;
  const where = holder.host === hostname() ? "" : ` on ${holder.host}`;
  const self = holder.pid === process.pid && holder.host === hostname() ? ", this process" : "";
  return `pid ${holder.pid}${where}${self} since ${holder.since}`;
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // A process that exits without closing (an uncaught error, process.exit) still frees what it holds.
  process.on("exit", () => {
    for (const [lockPath, me] of [...held]) release(lockPath, me);
  });
}

function unlinkQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone.
  }
}
