// The mutable store of records the actions work on. Every write goes through it, so it can tell the
// durable store exactly which records one call changed, and keep the counters quotas and the clock need.

import type { InstanceType } from "./rules.js";
import type { AliasRecord, KeyRecord } from "./types.js";

/** LastRotationDate: when the newest version was made (for a new key, its creation). */
export function lastRotation(key: KeyRecord): number {
  return key.versions[key.versions.length - 1]?.created ?? key.created;
}

/** The records one commit changed; `null` marks a deleted record. */
export interface ChangeSet {
  readonly keys: Map<string, KeyRecord | null>;
  readonly aliases: Map<string, AliasRecord | null>;
}

export class CoreState {
  readonly keys = new Map<string, KeyRecord>();
  readonly aliases = new Map<string, AliasRecord>();
  /** KMS instances (the newer generation) keys can be created in: instance id -> its type. */
  readonly instances = new Map<string, InstanceType>();
  private versionCount = 0;
  /** No scheduled event (rotation, purge) is earlier than this; may be early, never late. */
  private earliestEvent = Number.POSITIVE_INFINITY;
  private changes: ChangeSet = emptyChanges();
  /** What each record changed since the last takeChanges() was before it: rollback() puts it back. */
  private undo: ChangeSet = emptyChanges();

  /** `rotationLag`: seconds between a rotation falling due and happening (`--rotation-lag`). */
  constructor(private readonly rotationLag = 0) {}

  get totalVersions(): number {
    return this.versionCount;
  }

  get nextEventAt(): number {
    return this.earliestEvent;
  }

  putKey(key: KeyRecord): void {
    const before = this.keys.get(key.keyId);
    if (!this.undo.keys.has(key.keyId)) this.undo.keys.set(key.keyId, before ?? null);
    this.versionCount += key.versions.length - (before?.versions.length ?? 0);
    this.keys.set(key.keyId, key);
    this.changes.keys.set(key.keyId, key);
    this.earliestEvent = Math.min(this.earliestEvent, eventTime(key, this.rotationLag));
  }

  removeKey(keyId: string): void {
    const before = this.keys.get(keyId);
    if (!before) return;
    if (!this.undo.keys.has(keyId)) this.undo.keys.set(keyId, before);
    this.versionCount -= before.versions.length;
    this.keys.delete(keyId);
    this.changes.keys.set(keyId, null);
  }

  putAlias(alias: AliasRecord): void {
    if (!this.undo.aliases.has(alias.name))
      this.undo.aliases.set(alias.name, this.aliases.get(alias.name) ?? null);
    this.aliases.set(alias.name, alias);
    this.changes.aliases.set(alias.name, alias);
  }

  removeAlias(name: string): void {
    const before = this.aliases.get(name);
    if (!before) return;
    if (!this.undo.aliases.has(name)) this.undo.aliases.set(name, before);
    this.aliases.delete(name);
    this.changes.aliases.set(name, null);
  }

  aliasesOf(keyId: string): AliasRecord[] {
    return [...this.aliases.values()].filter((alias) => alias.keyId === keyId);
  }

  /** Recompute the earliest event exactly: O(keys), done only when something may be due. */
  refreshEarliestEvent(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const key of this.keys.values()) earliest = Math.min(earliest, eventTime(key, this.rotationLag));
    this.earliestEvent = earliest;
  }

  /** The changes since the last call, and start a new change set. */
  takeChanges(): ChangeSet {
    const taken = this.changes;
    this.changes = emptyChanges();
    this.undo = emptyChanges();
    return taken;
  }

  /** Undo every change since the last takeChanges(): a write that did not reach the disk never happened. */
  rollback(): void {
    for (const [keyId, key] of this.undo.keys) {
      this.versionCount += (key?.versions.length ?? 0) - (this.keys.get(keyId)?.versions.length ?? 0);
      if (key) this.keys.set(keyId, key);
      else this.keys.delete(keyId);
    }
    for (const [name, alias] of this.undo.aliases) {
      if (alias) this.aliases.set(name, alias);
      else this.aliases.delete(name);
    }
    this.changes = emptyChanges();
    this.undo = emptyChanges();
    // Restored keys may be due earlier than the events the undone changes left.
    this.refreshEarliestEvent();
  }

  /** The changes since the last takeChanges(), left in place (rollback() can still undo them). */
  get pendingChanges(): ChangeSet {
    return this.changes;
  }

  get hasChanges(): boolean {
    return this.changes.keys.size > 0 || this.changes.aliases.size > 0;
  }

  /** Load records without recording them as changes (from disk or a seed). */
  restore(keys: Iterable<KeyRecord>, aliases: Iterable<AliasRecord>): void {
    for (const key of keys) this.putKey(key);
    for (const alias of aliases) this.putAlias(alias);
    this.takeChanges();
  }
}

function emptyChanges(): ChangeSet {
  return { keys: new Map(), aliases: new Map() };
}

/** When this key next needs the clock's attention: a due rotation or the end of its deletion window. */
export function eventTime(key: KeyRecord, rotationLag: number): number {
  if (key.state === "PendingDeletion") return key.deleteDate ?? Number.POSITIVE_INFINITY;
  if (key.state !== "Enabled") return Number.POSITIVE_INFINITY;
  return rotationHappensAt(key, rotationLag) ?? Number.POSITIVE_INFINITY;
}

/** When the key's next automatic rotation happens: `rotationLag` after NextRotationDate, or as pending. */
export function rotationHappensAt(key: KeyRecord, rotationLag: number): number | undefined {
  if (!key.rotation) return undefined;
  return key.pendingRotationAt ?? lastRotation(key) + key.rotation.interval + rotationLag;
}
