// Automatic rotation: what DescribeKey shows of it, and making the versions that fall due as the clock
// moves (one per interval passed, each dated at its due time), plus purging keys whose deletion window ended.

import type { CoreState } from "./state.js";
import { lastRotation } from "./state.js";
import type { Context, KeyRecord } from "./types.js";

export type RotationStatus = "Enabled" | "Disabled" | "Suspended";

export function rotationStatus(key: KeyRecord): RotationStatus {
  if (!key.rotation) return "Disabled";
  return key.state === "Enabled" ? "Enabled" : "Suspended";
}

export function nextRotation(key: KeyRecord): number | undefined {
  return key.rotation ? lastRotation(key) + key.rotation.interval : undefined;
}

export function withVersion(key: KeyRecord, id: string, created: number): KeyRecord {
  return { ...key, versions: [...key.versions, { id, created }] };
}

/**
 * Called when a key starts rotating (policy enabled, key enabled again): a rotation whose date already
 * passed happens at once (inferred), instead of replaying the intervals it missed while Suspended.
 */
export function rotateIfOverdue(key: KeyRecord, ctx: Context): KeyRecord {
  const next = nextRotation(key);
  if (key.state !== "Enabled" || next === undefined || next > ctx.now) return key;
  return withVersion(key, ctx.newId(), ctx.now);
}

/**
 * At most this many versions per key in one catch-up. The service makes one per interval as time
 * passes and documents no cap for automatic rotation, but a clock moved 3,000 years at once on keys
 * rotating every 7 days would make ~156,000 versions per key and exhaust memory; the newest ones,
 * correctly dated, are what LastRotationDate, NextRotationDate and any plan depend on.
 */
export const MAX_CATCH_UP_VERSIONS = 100;

/** Versions for every interval that ended by `now` (the newest MAX_CATCH_UP_VERSIONS), each dated when it fell due. */
function catchUp(key: KeyRecord, ctx: Context): KeyRecord {
  const interval = key.rotation?.interval;
  if (key.state !== "Enabled" || !interval) return key;
  let due = lastRotation(key) + interval;
  if (due > ctx.now) return key;
  const passed = Math.floor((ctx.now - due) / interval) + 1;
  if (passed > MAX_CATCH_UP_VERSIONS) due += (passed - MAX_CATCH_UP_VERSIONS) * interval;
  const versions = [...key.versions];
  for (; due <= ctx.now; due += interval) versions.push({ id: ctx.newId(), created: due });
  return { ...key, versions };
}

/** Apply every rotation and purge due by `ctx.now`; O(1) when nothing is due. */
export function runDueEvents(state: CoreState, ctx: Context): void {
  if (state.nextEventAt > ctx.now) return;
  for (const key of [...state.keys.values()]) {
    if (key.state === "PendingDeletion") {
      if (key.deleteDate !== undefined && key.deleteDate <= ctx.now) purgeKey(state, key.keyId);
      continue;
    }
    const rotated = catchUp(key, ctx);
    if (rotated !== key) state.putKey(rotated);
  }
  state.refreshEarliestEvent();
}

export function purgeKey(state: CoreState, keyId: string): void {
  for (const alias of state.aliasesOf(keyId)) state.removeAlias(alias.name);
  state.removeKey(keyId);
}
