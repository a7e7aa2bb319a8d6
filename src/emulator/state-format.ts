// The state file's lines: a versioned snapshot first, then one journal line per committed change;
// reading them back (a torn last journal line dropped; a bad snapshot or earlier damage refused, naming the file).

import type { InstanceType } from "./core/rules.js";
import type { ChangeSet } from "./core/state.js";
import type { AliasRecord, KeyRecord } from "./core/types.js";

export const STATE_FORMAT_VERSION = 1;

export interface StateSnapshot {
  readonly region: string;
  readonly accountId: string;
  readonly clockMs: number;
  /** KMS instances: id -> type. Written in snapshots only: they change only when the emulator opens. */
  readonly instances?: Readonly<Record<string, InstanceType>>;
  readonly keys: readonly KeyRecord[];
  readonly aliases: readonly AliasRecord[];
  /**
   * Request nonces seen, each with the real-time epoch ms until which a request carrying it would still
   * be fresh: a request replayed after a restart is refused as it would have been before.
   */
  readonly nonces?: Readonly<Record<string, number>>;
}

export interface SnapshotLine extends StateSnapshot {
  readonly formatVersion: number;
  readonly clock: string;
}

/** One committed change: the full new records of what it touched, what it deleted, and the clock. */
export interface JournalLine {
  readonly clockMs: number;
  readonly keys?: KeyRecord[];
  readonly deletedKeys?: string[];
  readonly aliases?: AliasRecord[];
  readonly deletedAliases?: string[];
  readonly nonces?: Readonly<Record<string, number>>;
}

/**
 * Lines that ended with a newline; a last line without one was torn by a crash and is dropped. Only a
 * journal line can be torn: the caller checks line 1 (the snapshot) is whole.
 */
export function completeLines(text: string): string[] {
  const lines = text.split("\n");
  lines.pop();
  return lines;
}

/** How every snapshot line we write begins (formatVersion is its first field). */
const SNAPSHOT_START = '{"formatVersion":';

/**
 * Line 1 of a state file, or refused naming the file. The file is left as it is: the error says so,
 * and never quotes the line (it may be anyone's file, secrets and control characters included).
 */
export function parseSnapshot(line: string, filePath: string): StateSnapshot {
  const notState = `${filePath} is not a kms-rotation emulator state file (formatVersion ${STATE_FORMAT_VERSION})`;
  const kept = "; it was left as it is";
  let parsed: Partial<SnapshotLine>;
  try {
    parsed = JSON.parse(line) as Partial<SnapshotLine>;
  } catch {
    // Cut anywhere, line 1 still begins as every snapshot does (or is a beginning of that).
    if (line.startsWith(SNAPSHOT_START) || (line !== "" && SNAPSHOT_START.startsWith(line))) {
      throw new Error(
        `${filePath} is a damaged kms-rotation emulator state file: line 1 is cut short${kept}`,
      );
    }
    throw new Error(`${notState}: line 1 is not JSON${kept}`);
  }
  if (parsed === null || parsed.formatVersion !== STATE_FORMAT_VERSION || !Array.isArray(parsed.keys)) {
    throw new Error(`${notState}${kept}`);
  }
  return {
    region: parsed.region ?? "",
    accountId: parsed.accountId ?? "",
    clockMs: parsed.clockMs ?? Date.parse(parsed.clock ?? ""),
    instances: parsed.instances ?? {},
    keys: parsed.keys,
    aliases: parsed.aliases ?? [],
    nonces: parsed.nonces ?? {},
  };
}

export function replay(snapshot: StateSnapshot, lines: string[], filePath: string) {
  const keys = new Map(snapshot.keys.map((key) => [key.keyId, key]));
  const aliases = new Map(snapshot.aliases.map((alias) => [alias.name, alias]));
  const nonces: Record<string, number> = { ...snapshot.nonces };
  let clockMs = snapshot.clockMs;
  let validBytes = 0;
  for (const [index, text] of lines.entries()) {
    let line: JournalLine;
    try {
      line = JSON.parse(text) as JournalLine;
    } catch {
      // Only the last journal line can be torn; anything earlier is real damage. The line is not quoted.
      if (index === lines.length - 1) break;
      throw new Error(`${filePath}: line ${index + 2} is damaged (not JSON); it was left as it is`);
    }
    for (const key of line.keys ?? []) keys.set(key.keyId, key);
    for (const keyId of line.deletedKeys ?? []) keys.delete(keyId);
    for (const alias of line.aliases ?? []) aliases.set(alias.name, alias);
    for (const name of line.deletedAliases ?? []) aliases.delete(name);
    Object.assign(nonces, line.nonces);
    clockMs = line.clockMs;
    validBytes += Buffer.byteLength(text) + 1;
  }
  return {
    state: { ...snapshot, clockMs, keys: [...keys.values()], aliases: [...aliases.values()], nonces },
    validBytes,
  };
}

export function journalLine(
  clockMs: number,
  changes: ChangeSet | undefined,
  nonces?: Readonly<Record<string, number>>,
): JournalLine {
  const seen = nonces && Object.keys(nonces).length > 0 ? { nonces } : {};
  if (!changes) return { clockMs, ...seen };
  const line = {
    clockMs,
    keys: [] as KeyRecord[],
    deletedKeys: [] as string[],
    aliases: [] as AliasRecord[],
    deletedAliases: [] as string[],
  };
  for (const [keyId, key] of changes.keys) key ? line.keys.push(key) : line.deletedKeys.push(keyId);
  for (const [name, alias] of changes.aliases)
    alias ? line.aliases.push(alias) : line.deletedAliases.push(name);
  return { ...line, ...seen };
}

export function snapshotLine(snapshot: StateSnapshot): SnapshotLine {
  return {
    formatVersion: STATE_FORMAT_VERSION,
    region: snapshot.region,
    accountId: snapshot.accountId,
    clock: new Date(snapshot.clockMs).toISOString(),
    clockMs: snapshot.clockMs,
    instances: snapshot.instances ?? {},
    keys: snapshot.keys,
    aliases: snapshot.aliases,
    ...(snapshot.nonces && Object.keys(snapshot.nonces).length > 0 ? { nonces: snapshot.nonces } : {}),
  };
}
