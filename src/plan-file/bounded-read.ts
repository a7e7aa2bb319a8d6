// Reading a JSON document a user hands us (a saved plan, a report to render) without letting a huge or
// endless file (a 5 GB mistake, /dev/zero, a pipe) take the machine's memory: at most `limit` bytes.

import { open } from "node:fs/promises";

/** Saved plans and reports of very large fleets (100,000 keys: about 60 MB) fit well below this. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export type BoundedText = { readonly text: string } | { readonly tooLarge: string };

/** The file's text, or, when it is over `limit`, how large it is (`300.0 MiB`, `more than 256 MiB`). */
export async function readBoundedText(path: string, limit = MAX_DOCUMENT_BYTES): Promise<BoundedText> {
  const handle = await open(path, "r");
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > limit) return { tooLarge: `${mebibytes(stat.size)} MiB` };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) return { tooLarge: `more than ${mebibytes(limit)} MiB` };
      chunks.push(bytesRead === CHUNK_BYTES ? chunk : chunk.subarray(0, bytesRead));
    }
    return { text: Buffer.concat(chunks, total).toString("utf8") };
  } finally {
    await handle.close();
  }
}

/** The first `bytes` bytes of a file as text ("" when it cannot be read): enough to tell JSON from YAML. */
export async function readHead(path: string, bytes = 4096): Promise<string> {
  try {
    const handle = await open(path, "r");
    try {
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
