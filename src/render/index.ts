// Renderers: plans, apply results and drift reports as text, JSON, Markdown and JUnit. Pure functions from
// model values to strings (or plain JSON values); they never decide anything and read no clock.

export {
  type ApplyDisplay,
  type ApplyDisplayOptions,
  type ApplyHooks,
  applyDisplay,
  type StatusSink,
} from "./apply-display.js";
export { type ApplyResultJson, applyToJson, type KeyResultJson } from "./apply-json.js";
export { renderApplyMarkdown } from "./apply-markdown.js";
export { type ApplyTextOptions, applyRowRenderer, renderApplyText } from "./apply-text.js";
export { renderAuditCsv } from "./audit-csv.js";
export { renderAuditMarkdown } from "./audit-markdown.js";
export { renderAuditText } from "./audit-text.js";
export { type DiagnosticOptions, renderDiagnostic, renderDiagnostics } from "./diagnostics.js";
export { renderDriftJunit } from "./drift-junit.js";
export { renderDriftMarkdown } from "./drift-markdown.js";
export { type DriftTextOptions, renderDriftText } from "./drift-text.js";
export { renderForecastIcs } from "./forecast-ics.js";
export { renderForecastMarkdown } from "./forecast-markdown.js";
export { renderForecastText } from "./forecast-text.js";
export {
  type AnnotationLevel,
  githubAnnotation,
  renderGithubErrors,
  renderGithubWarnings,
} from "./github-annotations.js";
export { renderAuditOpenMetrics, renderDriftOpenMetrics } from "./openmetrics.js";
export { renderPlanMarkdown } from "./plan-markdown.js";
export { type PlanTextOptions, renderPlanText } from "./plan-text.js";
export { type Jwk, jwksOmissions, publishOrder, renderJwks, toJwks } from "./publish-jwks.js";
export { renderPem } from "./publish-pem.js";
export { PUBLISH_VIEWS, type PublishFormat } from "./publish-views.js";
export { renderAuditSarif, renderConfigSarif, type SarifOptions, type ToolInfo } from "./sarif.js";
export { formatClock, renderStatusLine, type StatusFrame } from "./status-line.js";
export {
  APPLY_VIEWS,
  type ApplyFormat,
  AUDIT_VIEWS,
  type AuditFormat,
  DRIFT_VIEWS,
  type DriftFormat,
  FORECAST_VIEWS,
  type ForecastFormat,
  formatsOf,
  jsonText,
  PLAN_VIEWS,
  type PlanFormat,
  type View,
  type ViewOptions,
} from "./views.js";
export { wrapBlock, wrapLine } from "./wrap.js";
