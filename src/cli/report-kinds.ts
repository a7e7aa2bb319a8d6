// The kinds of saved JSON output `kms-rotation render` reads back: how each is recognised, checked,
// turned into the model, merged (shards) and viewed. A new kind (audit, forecast) is one entry here.

import { type AuditReportJson, auditFromJson } from "../contract/audit-json.js";
import {
  validateAuditJson,
  validateDriftJson,
  validateForecastJson,
  validatePlanJson,
  validatePublishJson,
} from "../contract/documents.js";
import { driftFromJson } from "../contract/drift-json.js";
import { type ForecastJson, forecastFromJson } from "../contract/forecast-json.js";
import { planFromJson } from "../contract/plan-json.js";
import { isPublishJson, publishFromJson } from "../contract/publish-json.js";
import type { AuditReport, DriftReport, Forecast, Plan, PublishReport } from "../model/index.js";
import {
  type Merged,
  mergeAuditReports,
  mergeDriftReports,
  mergeForecasts,
  mergePlans,
  type Part,
} from "../plan/index.js";
import {
  AUDIT_VIEWS,
  DRIFT_VIEWS,
  FORECAST_VIEWS,
  PLAN_VIEWS,
  PUBLISH_VIEWS,
  type View,
} from "../render/index.js";

/** The formats `render` accepts (defined beside every command's formats). */
export { RENDER_FORMATS } from "./formats.js";

export interface ReportKind<T> {
  /** `plan`, `drift`: what users call it. */
  readonly name: string;
  /** `a plan`, `a drift report`: in sentences. */
  readonly label: string;
  /** Whether a parsed JSON object is meant to be this kind (before it is checked against its schema). */
  readonly detect: (json: Readonly<Record<string, unknown>>) => boolean;
  /** Problems as `<json path>: <message>`; empty when valid. */
  readonly validate: (json: unknown) => readonly string[];
  readonly fromJson: (json: unknown) => T;
  readonly merge: (parts: readonly Part<T>[]) => Merged<T>;
  readonly views: Readonly<Record<string, View<T>>>;
}

/** Erases T for the registry; each entry stays consistent with itself. */
function kind<T>(spec: ReportKind<T>): ReportKind<unknown> {
  return spec as unknown as ReportKind<unknown>;
}

export const REPORT_KINDS: readonly ReportKind<unknown>[] = [
  kind<Plan>({
    name: "plan",
    label: "a plan",
    detect: (json) => typeof json.summary === "object" && json.summary !== null && "changes" in json.summary,
    validate: validatePlanJson,
    fromJson: planFromJson,
    merge: mergePlans,
    views: PLAN_VIEWS,
  }),
  kind<DriftReport>({
    name: "drift",
    label: "a drift report",
    detect: (json) => "inSync" in json,
    validate: validateDriftJson,
    fromJson: driftFromJson,
    merge: mergeDriftReports,
    views: DRIFT_VIEWS,
  }),
  kind<AuditReport>({
    name: "audit",
    label: "an audit report",
    detect: (json) => "policy" in json && "keys" in json,
    validate: validateAuditJson,
    fromJson: (json) => auditFromJson(json as AuditReportJson),
    merge: mergeAuditReports,
    views: AUDIT_VIEWS,
  }),
  kind<Forecast>({
    name: "forecast",
    label: "a forecast",
    detect: (json) => "rotations" in json && "until" in json,
    validate: validateForecastJson,
    fromJson: (json) => forecastFromJson(json as ForecastJson),
    merge: mergeForecasts,
    views: FORECAST_VIEWS,
  }),
  kind<PublishReport>({
    name: "publish",
    label: "a publish document",
    detect: isPublishJson,
    validate: validatePublishJson,
    fromJson: publishFromJson,
    merge: mergePublished,
    views: PUBLISH_VIEWS,
  }),
];

/** Several publish documents (one per shard or region) as one key set: each key once, the earliest now. */
function mergePublished(parts: readonly Part<PublishReport>[]): Merged<PublishReport> {
  const seen = new Map<string, string>();
  const keys = [];
  for (const { source, value } of parts) {
    for (const k of value.keys) {
      const id = [k.account ?? "", k.region, k.keyId].join("\u0000");
      const first = seen.get(id);
      if (first !== undefined) {
        return {
          conflict: { code: "KeyInTwo", key: k.key, region: k.region, first, second: source },
        };
      }
      seen.set(id, source);
      keys.push(k);
    }
  }
  const now = parts.map((p) => p.value.now).sort()[0] ?? "";
  return { merged: { formatVersion: 1, now, keys }, warnings: [] };
}

export function detectKind(json: unknown): ReportKind<unknown> | undefined {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  return REPORT_KINDS.find((k) => k.detect(json as Record<string, unknown>));
}
