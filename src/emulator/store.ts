// The durable state file: JSON Lines, a full snapshot on line 1 and one line per committed change after it,
// each appended and fsynced before the call that made it returns. Compaction rewrites the snapshot
// atomically (temp file, fsync, rename, fsync the directory), so a crash at any moment leaves a readable file.
// One process at a time: the file's lock (state-lock.ts) is held from open to close. Owner-only modes.

import * as fs from "node:fs";
import * as path from "node:path";
import { removeQuietly, syncDirectory, writeWhole } from "../support/atomic-write.js";
import { lockStateFile, type StateLock } from "../support/file-lock.js";
import type { ChangeSet } from "./core/state.js";
import { ensureDirectory, FILE_MODE, readStateText, writeSynced } from "./state-files.js";
import {
  completeLines,
  journalLine,
  parseSnapshot,
  replay,
  type StateSnapshot,
  snapshotLine,
} from "./state-format.js";

export { STATE_FORMAT_VERSION, type StateSnapshot } from "./state-format.js";

/** A write to the state file that did not reach the disk; its message names the file and the reason. */
export class StateWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly statePath: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why =
      code === "ENOSPC"
        ? "no space left on the device"
        : code === "EDQUOT"
          ? "disk quota exceeded"
          : undefined;
    super(`cannot write the state file ${statePath}: ${why ? `${why} (${code})` : (code ?? String(cause))}`);
    this.code = code;
  }
}

const MIN_COMPACT_BYTES = 1 << 20;

export class StateFile {
  private fd: number | undefined;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** After a failed compaction, the journal size at which to try again. */
  private compactAfter = 0;
  /** A failed append could not be cut off: the file must be cut back before anything else is appended. */
  private torn = false;

  private constructor(
    readonly filePath: string,
    private readonly lock: StateLock,
  ) {}

  /**
   * Lock, open (creating the directory if needed) and read what the file holds; undefined when new or empty.
   * Throws StateInUseError when another process holds it.
   */
  static open(filePath: string): { file: StateFile; snapshot: StateSnapshot | undefined } {
    ensureDirectory(path.dirname(path.resolve(filePath)));
    const file = new StateFile(filePath, lockStateFile(filePath));
    try {
      return { file, snapshot: file.load() };
    } catch (error) {
      file.closeFd();
      file.lock.release();
      throw error;
    }
  }

  private load(): StateSnapshot | undefined {
    const text = readStateText(this.filePath);
    // No file, or an empty one (`touch`, mktemp): nothing to lose, so it starts as a new state.
    if (text === undefined || text.length === 0) return undefined;
    const lines = completeLines(text);
    // Line 1 is only ever written whole (compaction renames a finished file into place), so the
    // torn-line rule is for the journal alone: an unreadable line 1 is refused before anything is written.
    const snapshot = parseSnapshot(lines[0] ?? text, this.filePath);
    if (lines.length === 0) {
      // A whole snapshot lacking only its newline (edited by hand): end the line, so appends start clean.
      fs.appendFileSync(this.filePath, "\n");
      lines.push(text);
    }
    const [first, ...journal] = lines;
    const replayed = replay(snapshot, journal, this.filePath);
    this.snapshotBytes = Buffer.byteLength(first as string) + 1;
    this.journalBytes = replayed.validBytes;
    this.openForAppend(this.snapshotBytes + replayed.validBytes);
    return replayed.state;
  }

  /**
   * Append one change and fsync it; then compact if the journal outgrew the snapshot. When this returns the
   * line is wholly on disk; when it throws (StateWriteError, naming the file) nothing of it is kept.
   */
  commit(
    clockMs: number,
    changes: ChangeSet | undefined,
    current: () => StateSnapshot,
    nonces?: Readonly<Record<string, number>>,
  ): void {
    const fd = this.fd;
    if (fd === undefined) throw new Error("state file is closed or has no snapshot");
    const line = Buffer.from(`${JSON.stringify(journalLine(clockMs, changes, nonces))}\n`);
    const validLength = this.snapshotBytes + this.journalBytes;
    try {
      if (this.torn) this.cutBack(fd, validLength);
      writeWhole(fd, line);
      fs.fdatasyncSync(fd);
    } catch (error) {
      // A line half-written (a full disk) would sit before the next one and make the file unreadable:
      // cut it off, so the file ends with the last acknowledged write. If even that fails, the next
      // write tries again first, and nothing is appended after a torn line.
      try {
        this.cutBack(fd, validLength);
      } catch {
        this.torn = true;
      }
      throw new StateWriteError(this.filePath, error);
    }
    this.journalBytes += line.length;
    if (this.journalBytes > Math.max(MIN_COMPACT_BYTES, this.snapshotBytes, this.compactAfter)) {
      try {
        this.compact(current());
      } catch {
        // The change is durable in the journal; compaction is tidying, retried once the journal doubles.
        this.compactAfter = this.journalBytes * 2;
      }
    }
  }

  /**
   * Replace the file with one snapshot line, atomically. Until the rename succeeds the old file and its
   * journal stay open and whole, so a failed compaction (a full disk) loses nothing acknowledged.
   */
  compact(snapshot: StateSnapshot): void {
    const line = `${JSON.stringify(snapshotLine(snapshot))}\n`;
    const temp = `${this.filePath}.tmp-${process.pid}`;
    try {
      writeSynced(temp, line);
      // Windows cannot rename over a file that is open; POSIX can, and keeping it open is safer.
      if (process.platform === "win32") this.closeFd();
      fs.renameSync(temp, this.filePath);
    } catch (error) {
      removeQuietly(temp);
      if (this.fd === undefined) this.openForAppend(this.snapshotBytes + this.journalBytes);
      throw new StateWriteError(this.filePath, error);
    }
    this.closeFd();
    syncDirectory(path.dirname(path.resolve(this.filePath)));
    this.snapshotBytes = Buffer.byteLength(line);
    this.journalBytes = 0;
    this.compactAfter = 0;
    this.openForAppend(this.snapshotBytes);
  }

  /** Compact, close and release the lock. */
  close(snapshot: StateSnapshot): void {
    try {
      if (this.fd !== undefined) this.compact(snapshot);
    } catch {
      // Everything acknowledged is already in the journal; the next open replays it.
    } finally {
      this.closeFd();
      this.lock.release();
    }
  }

  /** Let go of the file and its lock without writing (opening the emulator failed after the file was read). */
  abandon(): void {
    try {
      this.closeFd();
    } finally {
      this.lock.release();
    }
  }

  private cutBack(fd: number, validLength: number): void {
    fs.ftruncateSync(fd, validLength);
    fs.fsyncSync(fd);
    this.torn = false;
  }

  private openForAppend(validLength: number): void {
    this.fd = fs.openSync(this.filePath, "a", FILE_MODE);
    // Owner-only even when the file was made by an older version or under a loose umask.
    fs.fchmodSync(this.fd, FILE_MODE);
    // A torn last line is cut off so the next append starts on a clean line.
    if (fs.fstatSync(this.fd).size !== validLength) {
      fs.ftruncateSync(this.fd, validLength);
      fs.fsyncSync(this.fd);
    }
  }

  private closeFd(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
