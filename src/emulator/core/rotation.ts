// Automatic rotation: what DescribeKey shows of it, and making the versions that fall due as the clock
// moves (one per interval passed, each dated at its due time), plus purging keys whose deletion window ended.

import { newVersionId } from "./ids.js";
import type { CoreState } from "./state.js";
import { lastRotation, rotationHappensAt } from "./state.js";
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
 * passed happens at once (inferred), instead of replaying the intervals it missed while Suspended. With a
 * rotation lag it happens that long after the call; a call while it is pending does not put it off.
 */
export function rotateIfOverdue(key: KeyRecord, ctx: Context): KeyRecord {
  const next = nextRotation(key);
  if (key.state !== "Enabled" || next === undefined || next > ctx.now) return withoutPending(key);
  if (ctx.rotationLag === 0) return withVersion(key, newVersionId(key, ctx.newId), ctx.now);
  return key.pendingRotationAt !== undefined ? key : { ...key, pendingRotationAt: ctx.now + ctx.rotationLag };
}

/** The key with no overdue rotation waiting (rotation turned off, the key disabled, the rotation done). */
export function withoutPending(key: KeyRecord): KeyRecord {
  if (key.pendingRotationAt === undefined) return key;
  const { pendingRotationAt: _done, ...rest } = key;
  return rest;
}

/**
 * At most this many versions per key in one catch-up. The service makes one per interval as time
 * passes and documents no cap for automatic rotation, but a clock moved 3,000 years at once on keys
 * rotating every 7 days would make ~156,000 versions per key and exhaust memory; the newest ones,
 * correctly dated, are what LastRotationDate, NextRotationDate and any plan depend on.
 */
export const MAX_CATCH_UP_VERSIONS = 100;

/**
 * Versions for every rotation that happened by `now` (the newest MAX_CATCH_UP_VERSIONS), each dated when
 * it happened: the rotation lag after it fell due (so with a lag, each period is interval + lag).
 */
function catchUp(key: KeyRecord, ctx: Context): KeyRecord {
  const interval = key.rotation?.interval;
  let at = rotationHappensAt(key, ctx.rotationLag);
  if (key.state !== "Enabled" || !interval || at === undefined || at > ctx.now) return key;
  const step = interval + ctx.rotationLag;
  const passed = Math.floor((ctx.now - at) / step) + 1;
  if (passed > MAX_CATCH_UP_VERSIONS) at += (passed - MAX_CATCH_UP_VERSIONS) * step;
  const versions = [...key.versions];
  for (; at <= ctx.now; at += step) versions.push({ id: newVersionId(key, ctx.newId), created: at });
  return { ...withoutPending(key), versions };
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
