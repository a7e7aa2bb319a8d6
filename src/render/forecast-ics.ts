// The forecast as an iCalendar feed (RFC 5545) a team calendar can subscribe to: one VEVENT per
// rotation, CRLF line ends, lines folded at 75 octets, text escaped. UIDs come from the key and the
// instant the rotation falls due (not when an overdue one is now expected), so a re-published feed
// updates the same events instead of adding copies.

import { createHash } from "node:crypto";
import { type Forecast, type ForecastRotation, forecastProblemCode } from "../model/index.js";
import { forecastProblemText } from "../words/problem-text.js";

const MAX_OCTETS = 75;

export function renderForecastIcs(forecast: Forecast): string {
  const stamp = icsInstant(forecast.now);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//kms-rotation//forecast//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:KMS key rotations",
    // Keys nothing is forecast for, so a feed read alone still says it is incomplete; calendars ignore X-.
    ...(forecast.problems ?? []).map(
      (p) =>
        `X-KMS-ROTATION-PROBLEM:${escapeText(`${p.key} in ${p.region}: ${forecastProblemCode(p)}: ${forecastProblemText(p)}`)}`,
    ),
    ...(forecast.rotations.length > 0 ? forecast.rotations.flatMap((r) => event(r, stamp)) : UTC_ZONE),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/**
 * RFC 5545 wants at least one component in a VCALENDAR. With no rotation to list, a UTC VTIMEZONE is
 * that component: a placeholder event would show up in people's calendars, while a time zone nobody
 * uses is ignored by calendar clients (Google, Outlook, Apple, Thunderbird) and parses everywhere.
 */
const UTC_ZONE = [
  "BEGIN:VTIMEZONE",
  "TZID:UTC",
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0000",
  "TZOFFSETTO:+0000",
  "TZNAME:UTC",
  "END:STANDARD",
  "END:VTIMEZONE",
];

function event(r: ForecastRotation, stamp: string): string[] {
  const what = eventWords(r);
  return [
    "BEGIN:VEVENT",
    `UID:${uidOf(r)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${icsInstant(r.at)}`,
    "DURATION:PT15M",
    "TRANSP:TRANSPARENT",
    `SUMMARY:${escapeText(`${r.kind === "promote" || r.kind === "retire" ? "Signing key" : "Key rotation"} (${r.kind}): ${r.key}`)}`,
    `DESCRIPTION:${escapeText(`${r.key} (${r.keyId}) in ${r.region}: ${what}.`)}`,
    `CATEGORIES:${escapeText(r.kind)}`,
    "END:VEVENT",
  ];
}

/**
 * Stable across runs for the same rotation: key, region and the instant it falls due (`due` for an
 * overdue manual key, whose `at` moves with now); unique within and across feeds.
 */
function eventWords(r: ForecastRotation): string {
  const version = r.keyVersionId ? `version ${r.keyVersionId}` : "the version made before it";
  switch (r.kind) {
    case "automatic":
      return "KMS rotates it automatically";
    case "manual":
      return "kms-rotation apply makes a new version (CreateKeyVersion)";
    case "promote":
      return `kms-rotation apply makes ${r.keyVersionId ? `version ${r.keyVersionId}` : "the newest version"} the active signing version; verifiers must already trust it`;
    case "retire":
      return `${version} leaves the published key set (kms-rotation publish)`;
    default:
      return r.kind satisfies never;
  }
}

export function uidOf(
  r: Pick<ForecastRotation, "region" | "keyId" | "at" | "due"> & Partial<Pick<ForecastRotation, "kind">>,
): string {
  // Rotations keep their UIDs from before signing events existed; an event's kind is part of its own.
  const signing = r.kind === "promote" || r.kind === "retire" ? `\n${r.kind}` : "";
  const anchor = `${r.due ?? r.at}${signing}`;
  const digest = createHash("sha256").update(`${r.region}\n${r.keyId}\n${anchor}`).digest("hex").slice(0, 32);
  return `${digest}@kms-rotation`;
}

/** `2027-01-01T00:00:00Z` -> `20270101T000000Z` (UTC form). */
function icsInstant(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** RFC 5545 section 3.3.11: backslash, semicolon, comma and newline are escaped; other controls dropped. */
export function escapeText(text: string): string {
  return text
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, "\\n")
    .replace(/\p{Cc}/gu, "");
}

/** Section 3.1: lines longer than 75 octets continue on the next line after CRLF and one space, never
 * splitting a UTF-8 character. */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}
