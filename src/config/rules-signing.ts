// `signing:` on a key (CONTRACT section 12): only on manual keys, windows parsed to seconds with their
// floors (publishAhead >= 1h and < interval, verifyFor >= 1h). Whether the key can sign is known only at
// plan time, from its spec: the planner blocks it there (SigningUnsupported).

import {
  DEFAULT_PUBLISH_AHEAD,
  DEFAULT_VERIFY_FOR,
  formatDuration,
  type JoseAlgorithm,
  MIN_SIGNING_WINDOW,
  parseDuration,
  type SigningPolicy,
} from "../model/index.js";
import type { RotationPolicy } from "../model/policy.js";
import { type RuleContext, soundString, valueAt } from "./context.js";
import type { Path } from "./path.js";

type Report = (path: Path, message: string, at?: "key") => void;

/** The key's signing policy, undefined when it declares none or it is wrong (each problem reported). */
export function checkSigning(
  ctx: RuleContext,
  base: Path,
  rotation: RotationPolicy | undefined,
  report: Report,
): SigningPolicy | undefined {
  const path = [...base, "signing"];
  if (valueAt(ctx.root, path) === undefined || !ctx.sound(path)) return undefined;
  if (rotation !== undefined && rotation.mode !== "manual") {
    report(
      path,
      `signing: needs mode manual (a new version by CreateKeyVersion); this key's rotation is ${rotation.mode}`,
      "key",
    );
    return undefined;
  }
  const window = (field: string, fallback: number): number | undefined => {
    const at = [...path, field];
    if (valueAt(ctx.root, at) === undefined) return fallback;
    const text = soundString(ctx, at);
    const seconds = text === undefined ? undefined : parseDuration(text);
    if (text === undefined || seconds === undefined) return undefined;
    if (seconds < MIN_SIGNING_WINDOW) {
      report(at, `${field} ${text} is too short: at least ${formatDuration(MIN_SIGNING_WINDOW)}`);
      return undefined;
    }
    return seconds;
  };
  const publishAhead = window("publishAhead", DEFAULT_PUBLISH_AHEAD);
  const verifyFor = window("verifyFor", DEFAULT_VERIFY_FOR);
  if (publishAhead !== undefined && rotation?.mode === "manual" && publishAhead >= rotation.interval) {
    const at = valueAt(ctx.root, [...path, "publishAhead"]) === undefined ? path : [...path, "publishAhead"];
    report(
      at,
      `publishAhead ${formatDuration(publishAhead)} must be shorter than the rotation interval ${formatDuration(rotation.interval)}`,
    );
    return undefined;
  }
  if (publishAhead === undefined || verifyFor === undefined || rotation === undefined) return undefined;
  const algorithm = soundString(ctx, [...path, "algorithm"]) as JoseAlgorithm | undefined;
  return { publishAhead, verifyFor, ...(algorithm === undefined ? {} : { algorithm }) };
}
