// How a key moved since its saved fingerprint, in words: the stale-plan refusal names each change.

import { formatDuration } from "../model/duration.js";
import type { FingerprintChange } from "../model/fingerprint.js";

/** `rotationInterval: 90d -> 30d`, as every other view shows a duration; `the key is gone`. */
export function fingerprintChangeText(change: FingerprintChange): string {
  if ("gone" in change) return change.gone ? "the key is gone" : "the key now exists";
  const value = (v: string | number | undefined) =>
    v === undefined
      ? "(none)"
      : change.field === "rotationInterval" && typeof v === "number"
        ? formatDuration(v)
        : String(v);
  return `${change.field}: ${value(change.before)} -> ${value(change.after)}`;
}
