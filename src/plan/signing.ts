// The signing-version lifecycle (CONTRACT section 12) as pure decisions: which version is next, active,
// previous or retired at an instant, and whether one is due for promotion. No I/O; the clock is an argument.

import {
  type BlockedReason,
  parseInstant,
  type SigningObservation,
  type SigningPolicy,
  type VersionState,
} from "../model/index.js";
import { toIso } from "./time.js";

export interface VersionView {
  readonly keyVersionId: string;
  readonly creationDate: string;
  readonly state: VersionState;
  /** The active version: since when (the pointer's tag). */
  readonly activeSince?: string;
  /** A previous version: until when it stays published (replaced + verifyFor). */
  readonly publishedUntil?: string;
}

export type Lifecycle =
  | {
      readonly ok: true;
      /** Oldest first (creation time, then id). */
      readonly versions: readonly VersionView[];
      /** Absent before the first promotion (no pointer tags yet). */
      readonly active?: string;
      readonly activeSince?: string;
      /** A version made and published but not yet used to sign. */
      readonly next?: VersionView;
      /** The version to make active now, if any; `first`: the key had no pointer. */
      readonly promote?: { readonly keyVersionId: string; readonly first: boolean };
      /** When the waiting `next` version may be promoted (ms), for forecasts. */
      readonly promotableAt?: number;
    }
  | { readonly ok: false; readonly reason: BlockedReason };

const created = (v: { creationDate: string }) => Date.parse(v.creationDate);

function byCreation<T extends { keyVersionId: string; creationDate: string }>(versions: readonly T[]): T[] {
  return [...versions].sort(
    (a, b) =>
      created(a) - created(b) ||
      (a.keyVersionId < b.keyVersionId ? -1 : a.keyVersionId > b.keyVersionId ? 1 : 0),
  );
}

/** The states of every version of a signing key at `now` (ms), and the promotion due, if any. */
export function signingLifecycle(
  observed: SigningObservation,
  policy: SigningPolicy,
  now: number,
): Lifecycle {
  const versions = byCreation(observed.versions);
  const newest = versions.at(-1);
  if (observed.activeVersion === undefined) {
    // Before the first promotion signers may use any version: keep all published, the newest as next.
    const views = versions.map(
      (v): VersionView => ({ ...base(v), state: v === newest ? "next" : "previous" }),
    );
    const promote = newest ? { keyVersionId: newest.keyVersionId, first: true } : undefined;
    return {
      ok: true,
      versions: views,
      ...(views.length ? { next: views.at(-1) } : {}),
      ...opt({ promote }),
    };
  }
  const activeIndex = versions.findIndex((v) => v.keyVersionId === observed.activeVersion);
  if (activeIndex < 0) {
    return { ok: false, reason: { code: "ActiveVersionUnknown", activeVersion: observed.activeVersion } };
  }
  const since = observed.activeSince === undefined ? undefined : parseInstant(observed.activeSince);
  if (since === undefined) {
    const activeSince = observed.activeSince ?? "";
    return {
      ok: false,
      reason: { code: "ActiveVersionUnknown", activeVersion: observed.activeVersion, activeSince },
    };
  }
  const activeAt = since.getTime();
  const views = versions.map((v, i): VersionView => {
    if (i === activeIndex) return { ...base(v), state: "active", activeSince: toIso(since) };
    if (i > activeIndex) return { ...base(v), state: i === versions.length - 1 ? "next" : "retired" };
    // Replaced when its successor became active. Only the active one's moment is recorded; an older
    // successor was active before the version after it was made (no version is made while one is next).
    const replaced =
      i === activeIndex - 1 ? activeAt : Math.min(created(versions[i + 2] as typeof v), activeAt);
    const until = replaced + policy.verifyFor * 1000;
    return now < until
      ? { ...base(v), state: "previous", publishedUntil: toIso(new Date(until)) }
      : { ...base(v), state: "retired" };
  });
  const next = views.find((v) => v.state === "next");
  const promotableAt = next ? created(next) + policy.publishAhead * 1000 : undefined;
  const promote =
    next && promotableAt !== undefined && now >= promotableAt
      ? { keyVersionId: next.keyVersionId, first: false }
      : undefined;
  return {
    ok: true,
    versions: views,
    active: observed.activeVersion,
    activeSince: toIso(since),
    ...opt({ next, promote, promotableAt }),
  };
}

function base(v: { keyVersionId: string; creationDate: string }) {
  return { keyVersionId: v.keyVersionId, creationDate: v.creationDate };
}

function opt<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The versions `publish` writes: next, active and previous. */
export function publishedVersions(lifecycle: Lifecycle): readonly VersionView[] {
  return lifecycle.ok ? lifecycle.versions.filter((v) => v.state !== "retired") : [];
}
