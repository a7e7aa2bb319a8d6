// The signing lifecycle over random histories of apply runs: what verifiers may rely on holds at every
// instant (never active before publishAhead, never unpublished before verifyFor, at most one next),
// and a second apply at the same instant finds nothing to do.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DesiredKey, type ObservedKey, PLAN_FORMAT_VERSION } from "../../src/model/index.js";
import { planKey, publishedVersions, signingLifecycle } from "../../src/plan/index.js";
import { observedKey } from "../helpers/observed.js";

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse("2026-01-01T00:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface World {
  versions: { id: string; created: number }[];
  pointer?: { id: string; since: number };
  /** What really happened: when each version became active and when it was replaced. */
  activated: Map<string, number>;
  replaced: Map<string, number>;
  first: Set<string>;
}

function observe(w: World): ObservedKey {
  const newest = w.versions.at(-1) as { created: number };
  return observedKey({
    keyId: "key-1",
    creationDate: iso((w.versions[0] as { created: number }).created),
    lastRotationDate: iso(newest.created),
    keySpec: "EC_P256",
    keyUsage: "SIGN/VERIFY",
    signing: {
      versions: w.versions.map((v) => ({ keyVersionId: v.id, creationDate: iso(v.created) })),
      ...(w.pointer ? { activeVersion: w.pointer.id, activeSince: iso(w.pointer.since) } : {}),
    },
    versionCount: w.versions.length,
  });
}

/** apply: decide, write, re-read, until nothing is left (as converge does); the kinds written. */
function apply(w: World, desired: DesiredKey, now: number): string[] {
  const written: string[] = [];
  for (let i = 0; i < 5; i++) {
    const action = planKey(desired, { found: true, key: observe(w) }, new Date(now)).action;
    if (action.kind === "none") return written;
    written.push(action.kind);
    if (action.kind === "create-key-version") {
      w.versions.push({ id: `v${w.versions.length + 1}`, created: now });
    } else if (action.kind === "promote-version") {
      if (!w.pointer) w.first.add(action.keyVersionId);
      if (w.pointer) w.replaced.set(w.pointer.id, now);
      w.pointer = { id: action.keyVersionId, since: now };
      w.activated.set(action.keyVersionId, now);
    } else {
      throw new Error(`unexpected ${action.kind}`);
    }
  }
  throw new Error("apply did not settle");
}

const histories = fc.record({
  intervalDays: fc.integer({ min: 7, max: 30 }),
  publishAheadHours: fc.integer({ min: 1, max: 24 * 6 }),
  verifyForHours: fc.integer({ min: 1, max: 24 * 60 }),
  initialVersions: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(fc.integer({ min: 1, max: 24 * 4 }), { minLength: 5, maxLength: 120 }),
});

describe("the signing lifecycle over random histories", () => {
  it("keeps every promise to verifiers, and apply after apply is empty", () => {
    const seen = { promoted: 0, created: 0, retired: 0, previousKept: 0, nextWaiting: 0, firstAdoption: 0 };
    fc.assert(
      fc.property(histories, (h) => {
        const interval = h.intervalDays * 86_400;
        const publishAhead = Math.min(h.publishAheadHours * 3_600, interval - 3_600);
        const policy = { publishAhead, verifyFor: h.verifyForHours * 3_600 };
        const desired: DesiredKey = {
          key: "alias/signer",
          ref: { kind: "alias", alias: "alias/signer" },
          region: "cn-hangzhou",
          rotation: { mode: "manual", interval },
          signing: policy,
        };
        const w: World = { versions: [], activated: new Map(), replaced: new Map(), first: new Set() };
        for (let i = 0; i < h.initialVersions; i++)
          w.versions.push({ id: `v${i + 1}`, created: T0 - (3 - i) * 8 * D });
        let now = T0;
        for (const step of h.steps) {
          now += step * H;
          check(w, policy, now, seen); // what a verifier fetching before this run sees
          const kinds = apply(w, desired, now);
          seen.promoted += kinds.filter((k) => k === "promote-version").length;
          seen.created += kinds.filter((k) => k === "create-key-version").length;
          check(w, policy, now, seen);
          expect(apply(w, desired, now)).toEqual([]);
        }
        seen.firstAdoption += w.first.size;
      }),
      { numRuns: 300 },
    );
    // Every interesting branch was taken, so the properties were tested, not skipped.
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});

function check(
  w: World,
  policy: { publishAhead: number; verifyFor: number },
  now: number,
  seen: { nextWaiting: number; previousKept: number; retired: number },
) {
  const lifecycle = signingLifecycle(observe(w).signing as never, policy, now);
  if (!lifecycle.ok) throw new Error("lifecycle refused a history the planner made");
  const published = new Set(publishedVersions(lifecycle).map((v) => v.keyVersionId));
  expect(lifecycle.versions.filter((v) => v.state === "next").length).toBeLessThanOrEqual(1);
  if (lifecycle.next && lifecycle.active) seen.nextWaiting++;
  for (const v of w.versions) {
    const activatedAt = w.activated.get(v.id);
    // Never active before publishAhead since it was made (the first adoption warns instead).
    if (activatedAt !== undefined && !w.first.has(v.id)) {
      expect(activatedAt - v.created).toBeGreaterThanOrEqual(policy.publishAhead * 1000);
    }
    const replacedAt = w.replaced.get(v.id);
    if (replacedAt !== undefined && now < replacedAt + policy.verifyFor * 1000) {
      expect(published.has(v.id), `${v.id} replaced at ${iso(replacedAt)} unpublished at ${iso(now)}`).toBe(
        true,
      );
      seen.previousKept++;
    }
    if (replacedAt !== undefined && !published.has(v.id)) seen.retired++;
  }
  // The active version and a waiting next are always published.
  if (lifecycle.active) expect(published.has(lifecycle.active)).toBe(true);
  expect(PLAN_FORMAT_VERSION).toBe(1);
}
