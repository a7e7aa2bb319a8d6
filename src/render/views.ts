// One view per format for each kind of output, so a command chooses its view once (from --format) and
// never switches on the format again. Adding a format is adding a row here.

import { auditToJson } from "../contract/audit-json.js";
import { driftToJson } from "../contract/drift-json.js";
import { forecastToJson } from "../contract/forecast-json.js";
import { planToJson } from "../contract/plan-json.js";
import type { ApplyResult } from "../model/apply-result.js";
import type { AuditReport } from "../model/compliance.js";
import type { DriftReport } from "../model/drift.js";
import type { Forecast } from "../model/forecast.js";
import type { Plan } from "../model/plan.js";
import { applyToJson } from "./apply-json.js";
import { renderApplyMarkdown } from "./apply-markdown.js";
import { renderApplyText } from "./apply-text.js";
import { renderAuditCsv } from "./audit-csv.js";
import { renderAuditMarkdown } from "./audit-markdown.js";
import { renderAuditText } from "./audit-text.js";
import { renderDriftJunit } from "./drift-junit.js";
import { renderDriftMarkdown } from "./drift-markdown.js";
import { renderDriftText } from "./drift-text.js";
import { renderForecastIcs } from "./forecast-ics.js";
import { renderForecastMarkdown } from "./forecast-markdown.js";
import { renderForecastText } from "./forecast-text.js";
import { renderAuditOpenMetrics, renderDriftOpenMetrics } from "./openmetrics.js";
import { renderPlanMarkdown } from "./plan-markdown.js";
import { renderPlanText } from "./plan-text.js";
import { renderAuditSarif, type SarifOptions } from "./sarif.js";

/** What a view may know of where it is shown; decided by the CLI (TTY, NO_COLOR, FORCE_COLOR, width). */
export interface ViewOptions {
  readonly colour: boolean;
  /** People's views wrap at this width; machine formats ignore it. */
  readonly width?: number;
  /** For logs that name their tool and point into files (SARIF): who made them, paths relative to what. */
  readonly sarif?: SarifOptions;
}

/** A library caller that names nothing: the package by name, paths relative to the working directory. */
const SARIF_DEFAULTS: SarifOptions = {
  tool: {
    name: "kms-rotation",
    version: "0.0.0",
    informationUri: "https://www.npmjs.com/package/kms-rotation",
  },
  root: process.cwd(),
};

export type View<T> = (value: T, options: ViewOptions) => string;

/**
 * A table of views keyed by format, each typed as a whole `View` (value and options, whether it reads
 * the options or not), so a caller passes the same arguments to any format it picks.
 */
const viewsOf =
  <T>() =>
  <F extends string>(views: Record<F, View<T>>): Readonly<Record<F, View<T>>> =>
    views;

/** Machine output: two-space indented JSON and a final newline, stable for scripts. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The plan's views by format (`text`, `json`, `markdown`), as the CLI chooses them.
 *
 * @example
 * ```ts
 * process.stdout.write(PLAN_VIEWS.markdown(planned, { colour: false }));
 * ```
 */
export const PLAN_VIEWS = viewsOf<Plan>()({
  text: (plan, options) => renderPlanText(plan, options),
  json: (plan) => jsonText(planToJson(plan)),
  markdown: (plan) => renderPlanMarkdown(plan),
});

/**
 * Apply results' views by format (`text`, `json`, `markdown`).
 *
 * @example
 * ```ts
 * process.stdout.write(APPLY_VIEWS.text(result, { colour: process.stdout.isTTY }));
 * ```
 */
export const APPLY_VIEWS = viewsOf<ApplyResult>()({
  text: (result, options) => renderApplyText(result, options),
  json: (result) => jsonText(applyToJson(result)),
  markdown: (result) => renderApplyMarkdown(result),
});

/**
 * The drift report's views by format (`text`, `json`, `markdown`, `junit`).
 *
 * @example
 * ```ts
 * writeFileSync("drift-junit.xml", DRIFT_VIEWS.junit(drift, { colour: false }));
 * ```
 */
export const DRIFT_VIEWS = viewsOf<DriftReport>()({
  text: (report, options) => renderDriftText(report, options),
  json: (report) => jsonText(driftToJson(report)),
  markdown: (report) => renderDriftMarkdown(report),
  junit: (report) => renderDriftJunit(report),
  openmetrics: (report) => renderDriftOpenMetrics(report),
});

export const AUDIT_VIEWS = viewsOf<AuditReport>()({
  text: (report, options) => renderAuditText(report, options),
  json: (report) => jsonText(auditToJson(report)),
  markdown: (report) => renderAuditMarkdown(report),
  csv: (report) => renderAuditCsv(report),
  sarif: (report, options) => renderAuditSarif(report, options.sarif ?? SARIF_DEFAULTS),
  openmetrics: (report) => renderAuditOpenMetrics(report),
});

export const FORECAST_VIEWS = viewsOf<Forecast>()({
  text: (forecast, options) => renderForecastText(forecast, options),
  json: (forecast) => jsonText(forecastToJson(forecast)),
  markdown: (forecast) => renderForecastMarkdown(forecast),
  ics: (forecast) => renderForecastIcs(forecast),
});

export type PlanFormat = keyof typeof PLAN_VIEWS;
export type ApplyFormat = keyof typeof APPLY_VIEWS;
export type DriftFormat = keyof typeof DRIFT_VIEWS;
export type AuditFormat = keyof typeof AUDIT_VIEWS;
export type ForecastFormat = keyof typeof FORECAST_VIEWS;

/** The formats a view table offers, in its order (the first is the default). */
export function formatsOf<F extends string>(views: Readonly<Record<F, unknown>>): readonly F[] {
  return Object.keys(views) as F[];
}
