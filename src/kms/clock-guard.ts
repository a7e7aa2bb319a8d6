// `apply --now` moves schedules, not the service's clock: a write decided as of an instant far from the
// service's own (the `Date` of its answers) would rotate early or late for real. Such writes are refused
// unless the run accepts the skew explicitly (section 14).

import { KmsError } from "./errors.js";
import type { Kms } from "./types.js";

/** How far --now may be from the service's clock before apply refuses to write. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export const CLOCK_SKEW = "ClockSkew";

/** `kms` whose writes first hold `now` to the service's clock as its last answer told it. */
export function guardWrites(kms: Kms, now: Date): Kms {
  const check = () => {
    const service = kms.serviceNow?.();
    if (service === undefined) return;
    const skew = now.getTime() - service.getTime();
    if (Math.abs(skew) <= MAX_CLOCK_SKEW_MS) return;
    throw new KmsError({
      code: CLOCK_SKEW,
      message:
        `--now ${iso(now)} is ${span(Math.abs(skew))} ${skew > 0 ? "ahead of" : "behind"} the clock of KMS ` +
        `in ${kms.region} (${iso(service)}); nothing was written. Add --allow-clock-skew to apply as of --now anyway`,
      retryable: false,
      outcomeUnknown: false,
    });
  };
  const guarded =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      check();
      return write(...args);
    };
  return {
    ...kms,
    updateRotationPolicy: guarded(kms.updateRotationPolicy),
    createKeyVersion: guarded(kms.createKeyVersion),
    tagResource: guarded(kms.tagResource),
  };
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}
