// The durable state file: JSON Lines, a full snapshot on line 1 and one line per committed change after it,
// each appended and fsynced before the call that made it returns. Compaction rewrites the snapshot
// atomically (temp file, fsync, rename, fsync the directory), so a crash at any moment leaves a readable file.
// One process at a time: the file's lock (state-lock.ts) is held from open to close. Owner-only modes.

import * as fs from "node:fs";
import * as path from "node:path";
import type { InstanceType } from "./core/rules.js";
import type { ChangeSet } from "./core/state.js";
import type { AliasRecord, KeyRecord } from "./core/types.js";
import {
  ensureDirectory,
  FILE_MODE,
  readStateText,
  removeQuietly,
  syncDirectory,
  writeSynced,
} from "./state-files.js";
import { lockStateFile, type StateLock } from "./state-lock.js";

export const STATE_FORMAT_VERSION = 1;
const MIN_COMPACT_BYTES = 1 << 20;

export interface StateSnapshot {
  readonly region: string;
  readonly accountId: string;
  readonly clockMs: number;
  /** KMS instances: id -> type. Written in snapshots only: they change only when the emulator opens. */
  readonly instances?: Readonly<Record<string, InstanceType>>;
  readonly keys: readonly KeyRecord[];
  readonly aliases: readonly AliasRecord[];
}

interface SnapshotLine extends StateSnapshot {
  readonly formatVersion: number;
  readonly clock: string;
}

/** One committed change: the full new records of what it touched, what it deleted, and the clock. */
interface JournalLine {
  readonly clockMs: number;
  readonly keys?: KeyRecord[];
  readonly deletedKeys?: string[];
  readonly aliases?: AliasRecord[];
  readonly deletedAliases?: string[];
}

export class StateFile {
  private fd: number | undefined;
  private journalBytes = 0;
  private snapshotBytes = 0;
  /** After a failed compaction, the journal size at which to try again. */
  private compactAfter = 0;

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
    if (text === undefined) return undefined;
    const lines = completeLines(text);
    if (lines.length === 0) return undefined;
    const [first, ...journal] = lines;
    const snapshot = parseSnapshot(first as string, this.filePath);
    const replayed = replay(snapshot, journal, this.filePath);
    this.snapshotBytes = Buffer.byteLength(first as string) + 1;
    this.journalBytes = replayed.validBytes;
    this.openForAppend(this.snapshotBytes + replayed.validBytes);
    return replayed.state;
  }

  /** Append one change and fsync it; then compact if the journal outgrew the snapshot. */
  commit(clockMs: number, changes: ChangeSet | undefined, current: () => StateSnapshot): void {
    if (this.fd === undefined) throw new Error("state file is closed or has no snapshot");
    const line = `${JSON.stringify(journalLine(clockMs, changes))}\n`;
    const validLength = this.snapshotBytes + this.journalBytes;
    try {
      fs.writeSync(this.fd, line);
      fs.fdatasyncSync(this.fd);
    } catch (error) {
      // A line half-written (a full disk) would sit before the next one and make the file unreadable:
      // cut it off, so the file ends with the last acknowledged write.
      fs.ftruncateSync(this.fd, validLength);
      throw error;
    }
    this.journalBytes += Buffer.byteLength(line);
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
      throw error;
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

/** Lines that ended with a newline; a last line without one was torn by a crash and is dropped. */
function completeLines(text: string): string[] {
  const lines = text.split("\n");
  lines.pop();
  return lines;
}

function parseSnapshot(line: string, filePath: string): StateSnapshot {
  const notState = `${filePath} is not a kms-rotation emulator state file (formatVersion ${STATE_FORMAT_VERSION})`;
  let parsed: Partial<SnapshotLine>;
  try {
    parsed = JSON.parse(line) as Partial<SnapshotLine>;
  } catch (error) {
    throw new Error(`${notState}: line 1 is not JSON (${(error as Error).message})`);
  }
  if (parsed === null || parsed.formatVersion !== STATE_FORMAT_VERSION || !Array.isArray(parsed.keys)) {
    throw new Error(notState);
  }
  return {
    region: parsed.region ?? "",
    accountId: parsed.accountId ?? "",
    clockMs: parsed.clockMs ?? Date.parse(parsed.clock ?? ""),
    instances: parsed.instances ?? {},
    keys: parsed.keys,
    aliases: parsed.aliases ?? [],
  };
}

function replay(snapshot: StateSnapshot, lines: string[], filePath: string) {
  const keys = new Map(snapshot.keys.map((key) => [key.keyId, key]));
  const aliases = new Map(snapshot.aliases.map((alias) => [alias.name, alias]));
  let clockMs = snapshot.clockMs;
  let validBytes = 0;
  for (const [index, text] of lines.entries()) {
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch (error) {
      // Only the last line can be torn; anything earlier is real damage.
      if (index === lines.length - 1) break;
      throw new Error(`${filePath}: line ${index + 2} is damaged: ${(error as Error).message}`);
    }
    for (const key of line.keys ?? []) keys.set(key.keyId, key);
    for (const keyId of line.deletedKeys ?? []) keys.delete(keyId);
    for (const alias of line.aliases ?? []) aliases.set(alias.name, alias);
    for (const name of line.deletedAliases ?? []) aliases.delete(name);
    clockMs = line.clockMs;
    validBytes += Buffer.byteLength(text) + 1;
  }
  return {
    state: { ...snapshot, clockMs, keys: [...keys.values()], aliases: [...aliases.values()] },
    validBytes,
  };
}

function journalLine(clockMs: number, changes: ChangeSet | undefined): JournalLine {
  if (!changes) return { clockMs };
  const line: Required<JournalLine> = { clockMs, keys: [], deletedKeys: [], aliases: [], deletedAliases: [] };
  for (const [keyId, key] of changes.keys) key ? line.keys.push(key) : line.deletedKeys.push(keyId);
  for (const [name, alias] of changes.aliases)
    alias ? line.aliases.push(alias) : line.deletedAliases.push(name);
  return line;
}

function snapshotLine(snapshot: StateSnapshot): SnapshotLine {
  return {
    formatVersion: STATE_FORMAT_VERSION,
    region: snapshot.region,
    accountId: snapshot.accountId,
    clock: new Date(snapshot.clockMs).toISOString(),
    clockMs: snapshot.clockMs,
    instances: snapshot.instances ?? {},
    keys: snapshot.keys,
    aliases: snapshot.aliases,
  };
}
