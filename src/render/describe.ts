// Words and JSON shapes for policies, shared by every renderer: intervals are seconds inside and
// become `90d` only here (DESIGN convention 3).

import { DAY, formatDuration, HOUR, MINUTE } from "../model/duration.js";
import type { ObservedPolicy } from "../model/plan.js";
import type { RotationPolicy } from "../model/policy.js";

/** `automatic every 90d`, `manual every 180d`, `off`; `(suspended)` when KMS holds rotation. */
export function describePolicy(policy: RotationPolicy | ObservedPolicy | undefined): string {
  if (policy === undefined) return "unknown";
  if (policy.mode === "off") return "off";
  const suspended = "suspended" in policy && policy.suspended ? " (suspended)" : "";
  return `${policy.mode} every ${formatDuration(policy.interval)}${suspended}`;
}

/** `2026-05-01` for an ISO instant; the text as given when it does not parse. */
export function formatDate(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString().slice(0, 10);
}

/** `206d ago` between two ISO instants (the report's own `now`, never the system clock). */
export function formatAge(sinceIso: string, nowIso: string): string | undefined {
  const seconds = Math.floor((Date.parse(nowIso) - Date.parse(sinceIso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0) return undefined;
  if (seconds >= DAY) return `${Math.floor(seconds / DAY)}d ago`;
  if (seconds >= HOUR) return `${Math.floor(seconds / HOUR)}h ago`;
  if (seconds >= MINUTE) return `${Math.floor(seconds / MINUTE)}m ago`;
  return "just now";
}

/** `2026-05-01, 206d ago`, or the date alone when the age cannot be told. */
export function describeLastRotation(lastRotationDate: string, nowIso: string): string {
  const age = formatAge(lastRotationDate, nowIso);
  return age ? `${formatDate(lastRotationDate)}, ${age}` : formatDate(lastRotationDate);
}

/** Regions in order of first appearance: the order the file declares its keys in. */
export function regionsOf(entries: readonly Placed[]): string[] {
  return [...new Set(entries.map(placeOf))];
}

type Placed = { readonly region: string; readonly account?: string };

/** Where a key lives for people: its region, or `<account>/<region>` when the config names its account. */
export function placeOf(entry: Placed): string {
  return entry.account === undefined ? entry.region : `${entry.account}/${entry.region}`;
}

/** One line of user text: a key or message with a newline must not break a row of output. */
export function oneLine(text: string): string {
  // Control characters (an escape sequence in a key name) would restyle or rewrite the terminal.
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/\p{Cc}/gu, "\uFFFD");
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
