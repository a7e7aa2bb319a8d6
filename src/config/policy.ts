// `policy:` and per-key `exception:`: read with their positions. Whether a key breaks the policy, and
// whether an exception is still live, needs a clock, so it is judged later (src/plan/policy.ts).

import type { CompliancePolicy, KeyException } from "../model/compliance.js";
import { formatDuration, MIN_ROTATION_INTERVAL, parseDuration } from "../model/duration.js";
import { type RuleContext, soundString, valueAt } from "./context.js";
import { atPath, type Path, type PathProblem } from "./path.js";

export function readPolicy(ctx: RuleContext): { policy?: CompliancePolicy; problems: PathProblem[] } {
  if (valueAt(ctx.root, ["policy"]) === undefined) return { problems: [] };
  const path: Path = ["policy", "maxInterval"];
  const text = soundString(ctx, path);
  const seconds = text === undefined ? undefined : parseDuration(text);
  const problems: PathProblem[] = [];
  if (text !== undefined && (seconds === undefined || seconds < MIN_ROTATION_INTERVAL)) {
    const why =
      seconds === undefined
        ? `${text} is too long to be an interval`
        : `${text} is shorter than any key can rotate (at least ${formatDuration(MIN_ROTATION_INTERVAL)})`;
    problems.push({ path, message: atPath(path, why) });
  }
  if (problems.length > 0 || !ctx.sound(["policy"])) return { problems };
  const required = valueAt(ctx.root, ["policy", "requireRotation"]);
  const requireRotation = typeof required === "boolean" ? required : true;
  return {
    policy: { requireRotation, ...(seconds === undefined ? {} : { maxInterval: seconds }) },
    problems,
  };
}

/** The key's exception, if it has a sound one; an impossible date (2027-02-30) is a problem. */
export function readException(
  ctx: RuleContext,
  base: Path,
  report: (path: Path, message: string) => void,
): KeyException | undefined {
  const path = [...base, "exception"];
  if (valueAt(ctx.root, path) === undefined || !ctx.sound(path)) return undefined;
  const reason = soundString(ctx, [...path, "reason"]);
  const expires = soundString(ctx, [...path, "expires"]);
  if (reason === undefined || expires === undefined) return undefined;
  if (!isCalendarDate(expires)) {
    report([...path, "expires"], `${JSON.stringify(expires)} is not a calendar date (YYYY-MM-DD)`);
    return undefined;
  }
  return { reason, expires, source: ctx.position([...path, "expires"]) };
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
