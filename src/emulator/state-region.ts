// Which region a state file holds, read from the head of its snapshot line (never the whole file): the
// local provider keeps each region in its own file and must never open another region's as its own.

import { constants } from "node:fs";
import { open } from "node:fs/promises";

/** The snapshot line begins `{"formatVersion":1,"region":"cn-hangzhou",` (state-format.ts writes it so). */
const HEAD = /^\{"formatVersion":\d+,"region":"([a-z0-9-]+)"/;
const HEAD_BYTES = 256;

/** The region a state file records; `absent` when there is no file; `unknown` when its head does not say. */
export async function stateFileRegion(path: string): Promise<string | "absent" | "unknown"> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking: a FIFO in its place must not hang the run here (the emulator refuses it, naming it).
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "absent" : "unknown";
  }
  try {
    if (!(await handle.stat()).isFile()) return "unknown";
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return HEAD.exec(buffer.subarray(0, bytesRead).toString("utf8"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  } finally {
    await handle.close();
  }
}
