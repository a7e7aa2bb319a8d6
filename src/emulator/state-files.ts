// The state file's I/O on disk: owner-only modes whatever the umask, errors that name the file, and
// durable writes (fsync of the file and of its directory).

import * as fs from "node:fs";
import * as path from "node:path";

export const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** The file's text, or undefined when there is none; any other failure names the file. */
export function readStateText(filePath: string): string | undefined {
  try {
    return fs.readFileSync(filePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    const why = code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : code;
    throw new Error(`cannot read the state file ${filePath}: ${why ?? String(error)}`);
  }
}

/** A new owner-only file holding `text`, on disk before this returns. */
export function writeSynced(file: string, text: string): void {
  const fd = fs.openSync(file, "w", FILE_MODE);
  try {
    // A leftover temp file of a crashed run keeps its old mode through "w": set it.
    fs.fchmodSync(fd, FILE_MODE);
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Never made, or not ours to remove.
  }
}

export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
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
