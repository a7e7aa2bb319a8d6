// The drift report as JUnit XML for CI dashboards: one suite per region, one test case per key; any
// status but in-sync is a failure whose type is the status, except a key that could not be read: JUnit's
// <error> (the check did not run), so dashboards tell a broken job from drift.

import type { DriftEntry, DriftReport } from "../model/drift.js";
import { driftReasonText } from "../words/problem-text.js";
import { describePolicy, placeOf, regionsOf } from "./describe.js";
import { describeActual, describeDriftEntry } from "./drift-describe.js";
import { escapeXmlAttribute as attr, escapeXmlText as text } from "./xml.js";

const failed = (e: DriftEntry) => e.status !== "in-sync" && e.status !== "error";
const errored = (e: DriftEntry) => e.status === "error";

export function renderDriftJunit(report: DriftReport): string {
  const failures = report.keys.filter(failed).length;
  const errors = report.keys.filter(errored).length;
  const suites = regionsOf(report.keys).map((region) =>
    suite(
      region,
      report.keys.filter((e) => placeOf(e) === region),
      report.now,
    ),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kms-rotation drift" tests="${report.keys.length}" failures="${failures}" errors="${errors}" timestamp="${attr(report.now)}">`,
    ...suites.flat(),
    "</testsuites>",
    "",
  ].join("\n");
}

function suite(region: string, entries: readonly DriftEntry[], now: string): string[] {
  const failures = entries.filter(failed).length;
  const errors = entries.filter(errored).length;
  const open =
    `  <testsuite name="kms-rotation drift ${attr(region)}" tests="${entries.length}" ` +
    `failures="${failures}" errors="${errors}" skipped="0" timestamp="${attr(now)}">`;
  return [open, ...entries.flatMap((e) => testCase(e, now)), "  </testsuite>"];
}

function testCase(entry: DriftEntry, now: string): string[] {
  const open = `    <testcase classname="kms-rotation.${attr(placeOf(entry))}" name="${attr(entry.key)}"`;
  if (entry.status === "in-sync") return [`${open}/>`];
  const message = `${entry.status}: ${describeDriftEntry(entry, now)}`;
  const element = errored(entry) ? "error" : "failure";
  return [
    `${open}>`,
    `      <${element} message="${attr(message)}" type="${attr(entry.status)}">${text(failureBody(entry))}</${element}>`,
    "    </testcase>",
  ];
}

function failureBody(entry: DriftEntry): string {
  const lines = [
    `expected: ${entry.expected ? describePolicy(entry.expected) : "(not in the file)"}`,
    `actual: ${entry.actual ? describeActual(entry) : errored(entry) ? "(could not be read)" : "(not found in KMS)"}`,
  ];
  if (entry.reason) lines.push(`reason: ${entry.reason.code}: ${driftReasonText(entry.reason)}`);
  if (entry.keyId) lines.push(`keyId: ${entry.keyId}`);
  if (entry.lastRotationDate) lines.push(`lastRotationDate: ${entry.lastRotationDate}`);
  return lines.join("\n");
}
