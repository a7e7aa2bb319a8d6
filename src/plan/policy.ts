// Policy guardrails for the declared keys: a key the file declares against `policy:` needs a live
// exception, and an exception past its date is an error in itself. Pure: the clock is an argument.

import {
  type CompliancePolicy,
  type Config,
  type DesiredKey,
  formatDuration,
  isExceptionLive,
  type Problem,
  type SourcePosition,
} from "../model/index.js";

/** How a declared rotation breaks the policy, with the place in the file to point at. */
interface Breach {
  readonly message: string;
  readonly position?: SourcePosition;
}

export function declaredBreaches(key: DesiredKey, policy: CompliancePolicy): Breach[] {
  const rotation = key.rotation;
  if (rotation.mode === "off") {
    if (!policy.requireRotation) return [];
    return [
      {
        message:
          "rotation is off, but policy.requireRotation needs every key that can rotate to rotate: " +
          "choose automatic or manual, or add an exception",
        ...at(key.rotationSource?.mode ?? key.source),
      },
    ];
  }
  if (policy.maxInterval === undefined || rotation.interval <= policy.maxInterval) return [];
  const max = formatDuration(policy.maxInterval);
  return [
    {
      message: `interval ${formatDuration(rotation.interval)} is longer than policy.maxInterval ${max}: rotate at least every ${max}, or add an exception`,
      ...at(key.rotationSource?.interval ?? key.source),
    },
  ];
}

/** Every declared key breaking the policy without a live exception, and every expired exception. */
export function policyProblems(config: Config, now: Date): Problem[] {
  const problems: Problem[] = [];
  for (const key of config.keys) {
    const exception = key.exception;
    const live = exception !== undefined && isExceptionLive(exception, now);
    if (exception && !live) {
      problems.push({
        key: key.key,
        message: `${key.key}: exception expired on ${exception.expires} (today is ${utcDay(now)}, UTC): renew it with a later date, or remove it`,
        ...at(exception.source ?? key.source),
      });
    }
    if (live || !config.policy) continue;
    for (const breach of declaredBreaches(key, config.policy)) {
      problems.push({ key: key.key, message: `${key.key}: ${breach.message}`, ...at(breach.position) });
    }
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
