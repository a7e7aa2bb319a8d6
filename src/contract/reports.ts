// The reports `render` reads back (the JSON output of plan, drift, audit, forecast and publish): how each
// kind is recognised, checked against its schema and turned into the model. A new kind is one entry.

import type { Report, ReportKind, ReportValues } from "../model/index.js";
import { type AuditReportJson, auditFromJson } from "./audit-json.js";
import {
  validateAuditJson,
  validateDriftJson,
  validateForecastJson,
  validatePlanJson,
  validatePublishJson,
} from "./documents.js";
import { driftFromJson } from "./drift-json.js";
import { type ForecastJson, forecastFromJson } from "./forecast-json.js";
import { planFromJson } from "./plan-json.js";
import { isPublishJson, publishFromJson } from "./publish-json.js";

interface ReportDocument<K extends ReportKind> {
  readonly kind: K;
  /** Whether a parsed JSON object is meant to be this kind (before it is checked against its schema). */
  readonly detect: (json: Readonly<Record<string, unknown>>) => boolean;
  /** Problems as `<json path>: <message>`; empty when valid. */
  readonly validate: (json: unknown) => readonly string[];
  readonly fromJson: (json: unknown) => ReportValues[K];
}

type AnyDocument = { [K in ReportKind]: ReportDocument<K> }[ReportKind];

/** In the order they are tried: a plan has `summary.changes`, a drift report `inSync`, ... */
const DOCUMENTS: readonly AnyDocument[] = [
  {
    kind: "plan",
    detect: (json) => typeof json.summary === "object" && json.summary !== null && "changes" in json.summary,
    validate: validatePlanJson,
    fromJson: planFromJson,
  },
  { kind: "drift", detect: (json) => "inSync" in json, validate: validateDriftJson, fromJson: driftFromJson },
  {
    kind: "audit",
    detect: (json) => "policy" in json && "keys" in json,
    validate: validateAuditJson,
    fromJson: (json) => auditFromJson(json as AuditReportJson),
  },
  {
    kind: "forecast",
    detect: (json) => "rotations" in json && "until" in json,
    validate: validateForecastJson,
    fromJson: (json) => forecastFromJson(json as ForecastJson),
  },
  { kind: "publish", detect: isPublishJson, validate: validatePublishJson, fromJson: publishFromJson },
];

/** Every kind, in the order they are recognised. */
export const REPORT_KINDS: readonly ReportKind[] = DOCUMENTS.map((d) => d.kind);

export type ReadReport =
  | { readonly report: Report }
  /** Not an object of any kind's shape. */
  | { readonly unknown: true }
  /** Meant to be `kind` but not valid as one: the schema's problems. */
  | { readonly kind: ReportKind; readonly problems: readonly string[] };

/** Parsed JSON as a report: recognised by its shape, then checked against that kind's schema. */
export function reportFromJson(json: unknown): ReadReport {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { unknown: true };
  const document = DOCUMENTS.find((d) => d.detect(json as Record<string, unknown>));
  if (!document) return { unknown: true };
  const problems = document.validate(json);
  if (problems.length > 0) return { kind: document.kind, problems };
  return { report: { kind: document.kind, value: document.fromJson(json) } as Report };
}
