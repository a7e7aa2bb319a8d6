// The views of every report `render` reads back, by kind then format: a saved report is shown through
// the very views its command uses.

import type { Report, ReportKind, ReportValues } from "../model/index.js";
import { PUBLISH_VIEWS } from "./publish-views.js";
import {
  AUDIT_VIEWS,
  DRIFT_VIEWS,
  FORECAST_VIEWS,
  PLAN_VIEWS,
  type View,
  type ViewOptions,
} from "./views.js";

const REPORT_VIEWS: { readonly [K in ReportKind]: Readonly<Record<string, View<ReportValues[K]>>> } = {
  plan: PLAN_VIEWS,
  drift: DRIFT_VIEWS,
  audit: AUDIT_VIEWS,
  forecast: FORECAST_VIEWS,
  publish: PUBLISH_VIEWS,
};

/** The formats a kind of report renders as, in its views' order. */
export function reportFormats(kind: ReportKind): readonly string[] {
  return Object.keys(REPORT_VIEWS[kind]);
}

/** What `render` writes when no --format is given: text, or for a publish document (which has none) the
 * JWK Set `publish` itself writes by default. */
export function defaultFormat(kind: ReportKind): string {
  return Object.hasOwn(REPORT_VIEWS[kind], "text") ? "text" : "jwks";
}

/** The report in `format`; undefined when its kind has no such view. */
export function renderReport(report: Report, format: string, options: ViewOptions): string | undefined {
  const views = REPORT_VIEWS[report.kind] as Readonly<Record<string, View<unknown>>>;
  const view = Object.hasOwn(views, format) ? views[format] : undefined;
  return view?.(report.value, options);
}
