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
  /** Each reason's code, in the order of `reasons` (added in 1.x; absent in older reports). */
  reasonCodes?: string[];
  /** Where the config declares the key (absent for a key it does not declare). */
  source?: { file: string; line: number; column: number };
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
    // The codes and the declaration travel with the words, so `render --format sarif` names the same
    // rules at the same lines as `audit --format sarif`.
    keys: report.keys.map(({ source, ...k }) => ({
      ...k,
      rotation: k.rotation && {
        automatic: k.rotation.automatic,
        interval: k.rotation.interval === null ? null : formatDuration(k.rotation.interval),
      },
      reasons: k.reasons.map(auditReasonText),
      reasonCodes: k.reasons.map(reasonCode),
      ...(source ? { source: { file: source.file, line: source.line, column: source.column } } : {}),
    })),
    ...(report.shard ? { shard: shardToJson(report.shard) } : {}),
  };
}

function reasonCode(reason: AuditReport["keys"][number]["reasons"][number]): string {
  return "code" in reason ? reason.code : (reason.said ?? "Said");
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
    keys: json.keys.map(({ reasonCodes, ...k }) => ({
      ...k,
      rotation: k.rotation && {
        automatic: k.rotation.automatic,
        interval: seconds(k.rotation.interval) ?? null,
      },
      // The report's words are kept: it is the record of what was judged.
      reasons: k.reasons.map((message, i) => {
        const said = reasonCodes?.[i];
        return said ? { message, said } : { message };
      }),
    })),
    ...(json.shard ? { shard: shardFromJson(json.shard) } : {}),
  };
}
