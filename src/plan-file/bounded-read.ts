// Reading a JSON document a user hands us (a saved plan, a report to render) without letting a huge file
// (a 5 GB mistake) take the machine's memory, or a FIFO or device (/dev/zero, a pipe) hang or flood us.

import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { readRegularFile } from "../support/regular-file.js";

/** Saved plans and reports of very large fleets (100,000 keys: about 60 MB) fit well below this. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export type BoundedText = { readonly text: string } | { readonly tooLarge: string };

/**
 * The file's text, or, when it is over `limit`, how large it is (`300.0 MiB`). A path that is not a
 * regular file throws with code `ENOTREG`, as I/O errors throw with theirs.
 */
export async function readBoundedText(path: string, limit = MAX_DOCUMENT_BYTES): Promise<BoundedText> {
  const read = await readRegularFile(path, limit);
  return "text" in read ? read : { tooLarge: `${mebibytes(read.tooLarge)} MiB` };
}

/**
 * The first `bytes` bytes of a regular file as text ("" when it cannot be read or is not a regular file):
 * enough to tell JSON from YAML. Opened non-blocking, so a FIFO with no writer never waits.
 */
export async function readHead(path: string, bytes = 4096): Promise<string> {
  try {
    const { O_RDONLY, O_NONBLOCK } = constants;
    const handle = await open(path, O_RDONLY | (O_NONBLOCK ?? 0));
    try {
      if (!(await handle.stat()).isFile()) return "";
      const buffer = Buffer.alloc(bytes);
      const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
      return buffer.subarray(0, bytesRead).toString("utf8");
    } finally {
      await handle.close();
    }
  } catch {
    return "";
  }
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return Number.isInteger(mib) ? String(mib) : mib.toFixed(1);
}
