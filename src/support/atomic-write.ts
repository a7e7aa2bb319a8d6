// Owner-only files written whole or not at all: a temporary file beside the target, written in full and
// fsynced, renamed over the target, the directory fsynced. A symlink or special file at the target is refused.

import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

/** Why a write was refused before anything was written; I/O failures keep Node's own `code`. */
export type WriteRefusal = "symlink" | "not-a-file";

export class WriteRefusedError extends Error {
  readonly code: "ELOOP" | "ENOTREG";
  constructor(
    readonly file: string,
    readonly refusal: WriteRefusal,
  ) {
    super(`${file}: ${refusal === "symlink" ? "is a symbolic link" : "is not a regular file"}`);
    this.code = refusal === "symlink" ? "ELOOP" : "ENOTREG";
  }
}

/** The file-system calls a write makes, so tests can fail each one (a full disk) and see nothing lost. */
export interface WriteIo {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  renameSync: typeof fs.renameSync;
}

const NODE_IO: WriteIo = {
  openSync: fs.openSync,
  writeSync: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsyncSync: fs.fsyncSync,
  renameSync: fs.renameSync,
};

export interface AtomicWriteOptions {
  /** Permission bits of the new file, whatever the umask; owner-only by default. */
  readonly mode?: number;
  readonly io?: WriteIo;
}

// O_NOFOLLOW is POSIX; on Windows it is absent and the lstat check alone guards the target.
const NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/**
 * Replaces (or creates) `file` with `data`. Throws `WriteRefusedError` when the target is a symlink or not
 * a regular file, and rethrows any I/O error (ENOSPC, EACCES, ...) after removing its temporary file; in
 * every failure the previous file is left as it was.
 */
export function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): void {
  const io = options.io ?? NODE_IO;
  const mode = options.mode ?? 0o600;
  const target = path.resolve(file);
  refuseUnsafeTarget(target);
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}-${randomSuffix()}.tmp`);
  let fd: number | undefined;
  try {
    fd = io.openSync(
      temp,
      fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW,
      mode,
    );
    // The umask may have taken bits off (or a loose one left them on): set exactly what was asked.
    fs.fchmodSync(fd, mode);
    writeWhole(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data, io);
    io.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    // A symlink put there since the first look is replaced by rename, never followed; refuse it anyway.
    refuseUnsafeTarget(target);
    io.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    removeQuietly(temp);
    throw error;
  }
  syncDirectory(dir);
}

/** The async form for callers on the event loop; the work is the same synchronous sequence. */
export async function writeFileAtomicAsync(
  file: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  writeFileAtomic(file, data, options);
}

function refuseUnsafeTarget(target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (stat.isSymbolicLink()) throw new WriteRefusedError(target, "symlink");
  if (!stat.isFile()) throw new WriteRefusedError(target, "not-a-file");
}

/**
 * Every byte of `bytes` at `fd`'s position: write(2) may write less than asked (a nearly full disk, a
 * signal), so loop until all is written; a write that makes no progress is EIO.
 */
export function writeWhole(fd: number, bytes: Uint8Array, io: WriteIo = NODE_IO): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = io.writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error("short write"), { code: "EIO" });
    offset += written;
  }
}

function randomSuffix(): string {
  return randomBytes(6).toString("hex");
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed or never valid; the temp file is removed next.
  }
}

/** Removes `file` if it is there; a file never made (or not ours to remove) is no error. */
export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Never made, or not ours to remove.
  }
}

/** fsync the directory so the rename itself survives a crash. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}
