// Quotas and faults, kept apart from the protocol: the edge asks, before each call, whether it may go on.

import type { ServiceError } from "../service.js";
import { drawFault, type FaultEffect, limitErrors, type ThrottleCode } from "./faults.js";
import { type OperationGroup, operationGroup } from "./operation-groups.js";
import { SlidingWindow } from "./sliding-window.js";

export { drawFault, type Fault, type FaultEffect, limitErrors, type ThrottleCode } from "./faults.js";
export { OPERATION_GROUPS, type OperationGroup, operationGroup } from "./operation-groups.js";
export { SlidingWindow } from "./sliding-window.js";

export type QpsLimits = Partial<Record<OperationGroup, number>>;

export interface LimitsOptions {
  /** Added delay per call, in milliseconds. */
  readonly latencyMs?: number;
  /** Requests per second per group; a group left out is unlimited. */
  readonly qps?: QpsLimits;
  /** Share of calls, 0..1, that fail by injection. */
  readonly faultRate?: number;
  /** Throttling as HTTP 429 `Rejected.Throttling` (the default) or HTTP 400 `Throttling`. */
  readonly throttleCode?: ThrottleCode;
  readonly random?: () => number;
  /** Monotonic milliseconds, for the QPS windows. */
  readonly now?: () => number;
}

export type Admission =
  | { readonly kind: "proceed"; readonly after?: FaultEffect }
  | { readonly kind: "reject"; readonly error: ServiceError }
  | { readonly kind: "reset" };

export interface Limits {
  /** Waits out the latency, then decides: throttled, failed before taking effect, or on (maybe to be lost). */
  admit(action: string): Promise<Admission>;
}

export function createLimits(options: LimitsOptions = {}): Limits {
  const latencyMs = options.latencyMs ?? 0;
  const faultRate = options.faultRate ?? 0;
  const random = options.random ?? Math.random;
  const throttle = options.throttleCode ?? 429;
  const now = options.now ?? (() => performance.now());
  const windows = new Map<OperationGroup, SlidingWindow>();
  for (const [group, limit] of Object.entries(options.qps ?? {}) as [OperationGroup, number][]) {
    if (limit !== undefined) windows.set(group, new SlidingWindow(limit));
  }
  return {
    async admit(action) {
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const group = operationGroup(action);
      const window = group && windows.get(group);
      if (window && !window.tryAcquire(now()))
        return { kind: "reject", error: limitErrors.throttled(throttle) };
      const fault = drawFault(faultRate, random, throttle);
      if (!fault) return { kind: "proceed" };
      if (fault.when === "after") return { kind: "proceed", after: fault.effect };
      return fault.effect === "reset" ? { kind: "reset" } : { kind: "reject", error: fault.effect };
    },
  };
}
