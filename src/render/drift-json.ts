// The drift report as the contract's JSON (section 7), intervals spelled as in plans.

import type { DriftEntry, DriftReport, DriftStatus } from "../model/drift.js";
import { type ShardJson, shardToJson } from "../model/plan-json.js";
import {
  type ObservedPolicyJson,
  observedToJson,
  type PolicyJson,
  policyToJson,
} from "../model/policy-json.js";

export interface DriftEntryJson {
  key: string;
  keyId?: string;
  region: string;
  account?: string;
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
    key: entry.key,
    ...(entry.keyId !== undefined ? { keyId: entry.keyId } : {}),
    region: entry.region,
    ...(entry.account !== undefined ? { account: entry.account } : {}),
    status: entry.status,
    ...(entry.expected !== undefined ? { expected: policyToJson(entry.expected) } : {}),
    ...(entry.actual !== undefined ? { actual: observedToJson(entry.actual) } : {}),
    ...(entry.reason !== undefined
      ? { reason: { code: entry.reason.code, message: entry.reason.message } }
      : {}),
    ...(entry.lastRotationDate !== undefined ? { lastRotationDate: entry.lastRotationDate } : {}),
  };
}
