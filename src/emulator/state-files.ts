// The state file's I/O on disk: owner-only modes whatever the umask, errors that name the file, and
// durable writes (fsync of the file and of its directory).

import * as fs from "node:fs";
import * as path from "node:path";
import { writeWhole } from "../support/atomic-write.js";
import { readRegularFileSync } from "../support/regular-file.js";

export const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** Far beyond a fleet's state and journal, far below what would exhaust memory. */
const MAX_STATE_BYTES = 512 * 1024 * 1024;

/**
 * The file's text, or undefined when there is none; any other failure names the file. A symlink at the
 * path is refused (compaction would replace the link, never write through it) and so is anything that is
 * not a regular file (a FIFO would hang the start).
 */
export function readStateText(filePath: string): string | undefined {
  let read: ReturnType<typeof readRegularFileSync>;
  try {
    read = readRegularFileSync(filePath, MAX_STATE_BYTES, { noFollow: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new Error(`cannot read the state file ${filePath}: ${stateReadProblem(code) ?? String(error)}`);
  }
  if ("tooLarge" in read) throw new Error(`cannot read the state file ${filePath}: it is over 512 MiB`);
  return read.text;
}

function stateReadProblem(code: string | undefined): string | undefined {
  if (code === "ELOOP") return "it is a symbolic link; give the path of the file it points to";
  if (code === "ENOTREG") return "it is not a regular file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return code;
}

/** A new owner-only file holding `text`, on disk before this returns. */
export function writeSynced(file: string, text: string): void {
  // Never through a symlink planted at the temporary name (O_NOFOLLOW where the platform has it).
  const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = fs.constants;
  const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_TRUNC | (O_NOFOLLOW ?? 0), FILE_MODE);
  try {
    // A leftover temp file of a crashed run keeps its old mode through "w": set it.
    fs.fchmodSync(fd, FILE_MODE);
    // A snapshot cut short by a short write and renamed into place would lose the whole state.
    writeWhole(fd, Buffer.from(text));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * mkdir -p one level at a time: Node's recursive mkdirSync spins forever under some special file
 * systems (/proc), where a plain mkdir fails at once with an error we can report.
 */
export function ensureDirectory(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) ensureDirectory(parent);
  fs.mkdirSync(dir, { mode: DIRECTORY_MODE });
  // Only directories we made, whatever the umask took off or left on.
  fs.chmodSync(dir, DIRECTORY_MODE);
}
