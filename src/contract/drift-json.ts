// The drift report as the contract's JSON (section 7) and back, intervals spelled as in plans.

import type { DriftEntry, DriftReport, DriftStatus } from "../model/drift.js";
import { driftReasonText } from "../words/problem-text.js";
import { type EntryHeader, entryHeader } from "./entry-header.js";
import { type ShardJson, shardFromJson, shardToJson } from "./plan-json.js";
import {
  type ObservedPolicyJson,
  observedFromJson,
  observedToJson,
  type PolicyJson,
  policyFromJson,
  policyToJson,
} from "./policy-json.js";

export interface DriftEntryJson extends EntryHeader {
  status: DriftStatus;
  expected?: PolicyJson;
  actual?: ObservedPolicyJson;
  reason?: { code: string; message: string };
  lastRotationDate?: string;
}

export interface DriftReportJson {
  formatVersion: 1;
  now: string;
  inSync: boolean;
  keys: DriftEntryJson[];
  shard?: ShardJson;
}

/**
 * A drift report as the contract's JSON (what `drift --format json` prints).
 *
 * @example
 * ```ts
 * const { report } = await driftConfig("kms.yaml");
 * if (report) console.log(JSON.stringify(driftToJson(report)));
 * ```
 */
export function driftToJson(report: DriftReport): DriftReportJson {
  return {
    formatVersion: 1,
    now: report.now,
    inSync: report.inSync,
    keys: report.keys.map(entryToJson),
    ...(report.shard ? { shard: shardToJson(report.shard) } : {}),
  };
}

function entryToJson(entry: DriftEntry): DriftEntryJson {
  return {
    ...entryHeader(entry),
    status: entry.status,
    ...(entry.expected !== undefined ? { expected: policyToJson(entry.expected) } : {}),
    ...(entry.actual !== undefined ? { actual: observedToJson(entry.actual) } : {}),
    ...(entry.reason !== undefined
      ? { reason: { code: entry.reason.code, message: driftReasonText(entry.reason) } }
      : {}),
    ...(entry.lastRotationDate !== undefined ? { lastRotationDate: entry.lastRotationDate } : {}),
  };
}

/**
 * Drift JSON back into a DriftReport; the value must already be valid against schemas/drift.schema.json.
 *
 * @example
 * ```ts
 * const report = driftFromJson(JSON.parse(readFileSync("drift.json", "utf8")));
 * ```
 */
export function driftFromJson(value: unknown): DriftReport {
  const json = value as DriftReportJson;
  return {
    formatVersion: 1,
    now: json.now,
    inSync: json.inSync,
    keys: json.keys.map(entryFromJson),
    ...(json.shard ? { shard: shardFromJson(json.shard) } : {}),
  };
}

function entryFromJson(json: DriftEntryJson): DriftEntry {
  return {
    ...entryHeader(json),
    status: json.status,
    ...(json.expected !== undefined ? { expected: policyFromJson(json.expected) } : {}),
    ...(json.actual !== undefined ? { actual: observedFromJson(json.actual) } : {}),
    ...(json.reason !== undefined
      ? { reason: { code: json.reason.code, message: json.reason.message } }
      : {}),
    ...(json.lastRotationDate !== undefined ? { lastRotationDate: json.lastRotationDate } : {}),
  };
}
