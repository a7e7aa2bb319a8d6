// The promote and retire events a signing key will see in a forecast window (section 12): the waiting
// version's promotion, one promotion publishAhead after each version apply will make, and each replaced
// version leaving the published set verifyFor after its successor became active. Pure.

import type { ForecastRotation, ObservedKey, SigningPolicy } from "../model/index.js";
import { instantsOf, type Schedule } from "./schedule.js";
import { signingLifecycle } from "./signing.js";
import { toIso } from "./time.js";

type Event = Pick<ForecastRotation, "at" | "kind" | "keyVersionId">;

export function signingEvents(
  key: ObservedKey,
  policy: SigningPolicy,
  schedule: Schedule | undefined,
  now: number,
  until: number,
): Event[] {
  if (key.signing === undefined) return [];
  const lifecycle = signingLifecycle(key.signing, policy, now);
  if (!lifecycle.ok) return [];
  const events: { at: number; kind: "promote" | "retire"; keyVersionId?: string }[] = [];
  // Each promotion, in order; the version it replaces (known only for the one active now).
  const promotions: { at: number; keyVersionId?: string }[] = [];
  if (lifecycle.promote) promotions.push({ at: now, keyVersionId: lifecycle.promote.keyVersionId });
  else if (lifecycle.next && lifecycle.promotableAt !== undefined) {
    promotions.push({ at: lifecycle.promotableAt, keyVersionId: lifecycle.next.keyVersionId });
  }
  if (schedule?.kind === "manual") {
    for (const made of instantsOf(schedule)) promotions.push({ at: made + policy.publishAhead * 1000 });
  }
  let replaced = lifecycle.active;
  for (const p of promotions) {
    events.push({ at: p.at, kind: "promote", ...(p.keyVersionId ? { keyVersionId: p.keyVersionId } : {}) });
    if (lifecycle.active !== undefined) {
      const retire = p.at + policy.verifyFor * 1000;
      events.push({ at: retire, kind: "retire", ...(replaced ? { keyVersionId: replaced } : {}) });
    }
    replaced = p.keyVersionId;
  }
  for (const v of lifecycle.versions) {
    if (v.state === "previous" && v.publishedUntil) {
      events.push({ at: Date.parse(v.publishedUntil), kind: "retire", keyVersionId: v.keyVersionId });
    }
  }
  return events
    .filter((e) => e.at >= now && e.at <= until)
    .map((e) => ({
      at: toIso(new Date(e.at)),
      kind: e.kind,
      ...(e.keyVersionId ? { keyVersionId: e.keyVersionId } : {}),
    }));
}
