// Injected failures, shaped like the ones the service and the network really produce.
// "before" faults stop a call from taking effect; "after" faults let it commit, then lose the answer.

import type { ServiceError } from "../service.js";

export type FaultEffect = "reset" | ServiceError;

export interface Fault {
  readonly when: "before" | "after";
  readonly effect: FaultEffect;
}

/** How throttling is answered: 429 as the current pages show it, or 400 as some legacy pages do. */
export type ThrottleCode = 429 | 400;

export const limitErrors = {
  throttled: (form: ThrottleCode = 429): ServiceError =>
    form === 400
      ? { status: 400, code: "Throttling", message: "Request was denied due to request throttling." }
      : { status: 429, code: "Rejected.Throttling", message: "QPS Limit Exceeded" },
  internalFailure: (): ServiceError => ({
    status: 500,
    code: "InternalFailure",
    message: "The request processing has failed due to some unknown error.",
  }),
  unavailable: (): ServiceError => ({
    status: 503,
    code: "ServiceUnavailableTemporary",
    message: "Service is temporarily unavailable. Please try again later.",
  }),
};

const FAULTS: readonly ((throttle: ThrottleCode) => Fault)[] = [
  () => ({ when: "before", effect: limitErrors.internalFailure() }),
  () => ({ when: "before", effect: limitErrors.unavailable() }),
  (throttle) => ({ when: "before", effect: limitErrors.throttled(throttle) }),
  () => ({ when: "before", effect: "reset" }),
  () => ({ when: "after", effect: "reset" }),
  () => ({ when: "after", effect: limitErrors.internalFailure() }),
  () => ({ when: "after", effect: limitErrors.unavailable() }),
];

/** A fault for this call with probability `rate`, its kind drawn uniformly; undefined most of the time. */
export function drawFault(
  rate: number,
  random: () => number,
  throttle: ThrottleCode = 429,
): Fault | undefined {
  if (rate <= 0 || random() >= rate) return undefined;
  const pick = FAULTS[Math.min(FAULTS.length - 1, Math.floor(random() * FAULTS.length))];
  return pick?.(throttle);
}
