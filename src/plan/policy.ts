// Policy guardrails for the declared keys: a key the file declares against `policy:` needs a live
// exception, and an exception past its date is an error in itself. Pure: the clock is an argument.

import {
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

/** Every declared key breaking the policy without a live exception, and every expired exception. */
export function policyProblems(config: Config, now: Date): PolicyProblem[] {
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
