// Reading a file a user names (config, saved plan, report, seed, credentials, state) without letting it
// hang or flood us: opened non-blocking and checked with fstat before any read (a FIFO or device is refused,
// never waited on), and read to a size bound, never past it.

import * as fs from "node:fs";
import { open } from "node:fs/promises";

/** The text, or the size that put the file over the bound (what fstat said, or what was read by then). */
export type BoundedFile = { readonly text: string } | { readonly tooLarge: number };

/** A path that is not a regular file (a FIFO, a device, a directory, a socket) where one was meant. */
export class NotRegularFileError extends Error {
  /** `EISDIR` for a directory, as open(2) would say of one opened for writing; `ENOTREG` for the rest. */
  readonly code: "ENOTREG" | "EISDIR";
  constructor(
    readonly file: string,
    stat: fs.Stats,
  ) {
    super(stat.isDirectory() ? "it is a directory" : "it is not a regular file");
    this.code = stat.isDirectory() ? "EISDIR" : "ENOTREG";
  }
}

export interface ReadOptions {
  /** Refuse a symlink at the path itself (files the tool also writes, like its state). */
  readonly noFollow?: boolean;
}

function flags(options: ReadOptions): number {
  const { O_RDONLY, O_NONBLOCK, O_NOFOLLOW } = fs.constants;
  // O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting for one; we then refuse it.
  return O_RDONLY | (O_NONBLOCK ?? 0) | (options.noFollow ? (O_NOFOLLOW ?? 0) : 0);
}

/** Reads `file` whole when it is a regular file of at most `limit` bytes. I/O errors keep their `code`. */
export async function readRegularFile(
  file: string,
  limit: number,
  options: ReadOptions = {},
): Promise<BoundedFile> {
  const handle = await open(file, flags(options));
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new NotRegularFileError(file, stat);
    if (stat.size > limit) return { tooLarge: stat.size };
    // One buffer of the size fstat gave and a byte to see the end (a large config is read once, not
    // copied from chunks); a file that grew since is read on into a larger one, up to the bound.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let size = 0;
    for (;;) {
      if (size === buffer.length) {
        if (size > limit) return { tooLarge: size };
        const larger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
        buffer.copy(larger, 0, 0, size);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, null);
      if (bytesRead === 0) return { text: buffer.toString("utf8", 0, size) };
      size += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** One read for a small file (its size and one byte to see the end), 1 MiB at a time for a large one. */
function chunkBytes(size: number): number {
  return Math.min(Math.max(size + 1, 4096), 1 << 20);
}

/** The synchronous form, for start-up paths that are synchronous (the emulator's state and seed). */
export function readRegularFileSync(file: string, limit: number, options: ReadOptions = {}): BoundedFile {
  const fd = fs.openSync(file, flags(options));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotRegularFileError(file, stat);
    if (stat.size > limit) return { tooLarge: stat.size };
    const chunks: Buffer[] = [];
    let size = 0;
    const chunk = Buffer.alloc(chunkBytes(stat.size));
    for (;;) {
      const bytesRead = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (bytesRead === 0) return { text: Buffer.concat(chunks, size).toString("utf8") };
      size += bytesRead;
      if (size > limit) return { tooLarge: size };
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What a file the tool is about to rely on is, checked without reading it or waiting on it. */
export type FileCheck =
  | { readonly kind: "missing" }
  | { readonly kind: "ok"; readonly mode: number }
  | { readonly kind: "refused"; readonly why: string };

/** Absent, a regular file within `limit` bytes (with its permission bits), or why it is refused. */
export function checkRegularFile(file: string, limit: number): FileCheck {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "refused", why: code === "EACCES" ? "permission denied" : String(code) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: "refused", why: "it is not a regular file" };
    if (stat.size > limit)
      return {
        kind: "refused",
        why: `it is ${(stat.size / 1048576).toFixed(1)} MiB, over the ${limit / 1048576} MiB it may be`,
      };
    return { kind: "ok", mode: stat.mode & 0o777 };
  } finally {
    fs.closeSync(fd);
  }
}
