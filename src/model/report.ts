// The reports commands write as JSON and `render` reads back: each kind and the model value it holds.

import type { AuditReport } from "./compliance.js";
import type { DriftReport } from "./drift.js";
import type { Forecast } from "./forecast.js";
import type { Plan } from "./plan.js";
import type { PublishReport } from "./publish.js";

/** Each kind of saved report and the value it holds. */
export interface ReportValues {
  readonly plan: Plan;
  readonly drift: DriftReport;
  readonly audit: AuditReport;
  readonly forecast: Forecast;
  readonly publish: PublishReport;
}

/** `plan`, `drift`, `audit`, `forecast`, `publish`: what users call each kind. */
export type ReportKind = keyof ReportValues;

/** A report of one kind: `kind` says which value it holds. */
export type Report = { [K in ReportKind]: { readonly kind: K; readonly value: ReportValues[K] } }[ReportKind];
