// Policy guardrails for the declared keys: a key the file declares against `policy:` needs a live
// exception, and an exception past its date is an error in itself. Pure: the clock is an argument.

import {
  BASELINE_POLICY,
  type CompliancePolicy,
  type Config,
  type DesiredKey,
  isExceptionLive,
  type PolicyBreach,
  type PolicyProblem,
  type SourcePosition,
} from "../model/index.js";

/** How a declared rotation breaks the policy, with the place in the file to point at. */
interface Breach {
  readonly breach: PolicyBreach;
  readonly position?: SourcePosition;
}

export function declaredBreaches(key: DesiredKey, policy: CompliancePolicy): Breach[] {
  const rotation = key.rotation;
  if (rotation.mode === "off") {
    if (!policy.requireRotation) return [];
    return [{ breach: { code: "RotationOff" }, ...at(key.rotationSource?.mode ?? key.source) }];
  }
  if (policy.maxInterval === undefined || rotation.interval <= policy.maxInterval) return [];
  const breach = {
    code: "IntervalOverMax",
    interval: rotation.interval,
    maxInterval: policy.maxInterval,
  } as const;
  return [{ breach, ...at(key.rotationSource?.interval ?? key.source) }];
}

/** The keys and policy the guardrails judge: a whole config, or what could be read of a broken one. */
export type PolicyScope = Pick<Config, "keys" | "policy">;

/** Every declared key breaking the policy without a live exception, and every expired exception. */
export function policyProblems(config: PolicyScope, now: Date): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const key of config.keys) {
    const exception = key.exception;
    const live = exception !== undefined && isExceptionLive(exception, now);
    if (exception && !live) {
      problems.push({
        key: key.key,
        breach: { code: "ExceptionExpired", expires: exception.expires, today: utcDay(now) },
        ...at(exception.source ?? key.source),
      });
    }
    if (live || !config.policy) continue;
    for (const breach of declaredBreaches(key, config.policy)) problems.push({ key: key.key, ...breach });
  }
  return byPosition(problems);
}

/**
 * A file with no `policy:` is audited against BASELINE_POLICY: every declared key it would judge
 * non-compliant (rotation off, an interval over a year) without a live exception, so that validate can
 * say so before audit does. Empty when the file states its own policy.
 */
export function baselineBreaches(config: PolicyScope, now: Date): PolicyProblem[] {
  if (config.policy) return [];
  const problems: PolicyProblem[] = [];
  for (const key of config.keys) {
    if (key.exception !== undefined && isExceptionLive(key.exception, now)) continue;
    for (const breach of declaredBreaches(key, BASELINE_POLICY)) problems.push({ key: key.key, ...breach });
  }
  return byPosition(problems);
}

function byPosition(problems: PolicyProblem[]): PolicyProblem[] {
  return problems.sort(
    (a, b) =>
      (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
      (a.position?.column ?? 0) - (b.position?.column ?? 0),
  );
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function at(position: SourcePosition | undefined): { position?: SourcePosition } {
  return position ? { position } : {};
}
