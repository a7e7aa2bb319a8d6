// The audit report as the contract's JSON (section 9; schemas/audit.schema.json): intervals as `90d`,
// ages in seconds, every evidence field present (null where it does not apply).

import type { AuditOutcome, AuditReport, AuditSummary, AutomaticRotation } from "../model/index.js";
import { formatDuration, parseDuration } from "../model/index.js";
import { auditReasonText } from "../words/audit-text.js";
import { type ShardJson, shardFromJson, shardToJson } from "./plan-json.js";

export interface AuditEntryJson {
  keyId: string | null;
  key: string;
  region: string;
  account: string | null;
  spec: string | null;
  state: string | null;
  rotation: { automatic: AutomaticRotation; interval: string | null } | null;
  lastRotation: string | null;
  currentVersionAge: number | null;
  nextRotation: string | null;
  versionCount: number | null;
  activeVersion?: string | null;
  activeVersionAge?: number | null;
  verdict: AuditOutcome;
  /** With verdict `error` only: the key could not be read, or its answer failed the check. */
  error?: { code: string; message: string };
  reasons: string[];
}

export interface AuditReportJson {
  formatVersion: 1;
  now: string;
  policy: { maxInterval: string | null; requireRotation: boolean; source: "config" | "baseline" };
  summary: AuditSummary;
  keys: AuditEntryJson[];
  shard?: ShardJson;
}

export function auditToJson(report: AuditReport): AuditReportJson {
  const { maxInterval, requireRotation, source } = report.policy;
  return {
    formatVersion: 1,
    now: report.now,
    policy: {
      maxInterval: maxInterval === undefined ? null : formatDuration(maxInterval),
      requireRotation,
      source,
    },
    summary: { ...report.summary },
    // Where the file declares a key is for views that point into it, not part of the report.
    keys: report.keys.map(({ source: _source, ...k }) => ({
      ...k,
      rotation: k.rotation && {
        automatic: k.rotation.automatic,
        interval: k.rotation.interval === null ? null : formatDuration(k.rotation.interval),
      },
      reasons: k.reasons.map(auditReasonText),
    })),
    ...(report.shard ? { shard: shardToJson(report.shard) } : {}),
  };
}

/** A saved JSON report (already checked against its schema) back into the model, for `render`. */
export function auditFromJson(json: AuditReportJson): AuditReport {
  const seconds = (text: string | null) => (text === null ? undefined : parseDuration(text));
  const max = seconds(json.policy.maxInterval);
  return {
    formatVersion: 1,
    now: json.now,
    policy: {
      requireRotation: json.policy.requireRotation,
      source: json.policy.source,
      ...(max === undefined ? {} : { maxInterval: max }),
    },
    summary: json.summary,
    keys: json.keys.map((k) => ({
      ...k,
      rotation: k.rotation && {
        automatic: k.rotation.automatic,
        interval: seconds(k.rotation.interval) ?? null,
      },
      // The report's words are kept: it is the record of what was judged.
      reasons: k.reasons.map((message) => ({ message })),
    })),
    ...(json.shard ? { shard: shardFromJson(json.shard) } : {}),
  };
}
