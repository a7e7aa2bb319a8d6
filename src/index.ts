// Library entry: a deliberate list, not everything. The one-call functions do what the CLI's commands
// do; the stages below them (config, planner, executor, KMS client, emulator, views) are here for
// programs that wire their own. Nothing here prints; every user-caused failure is a value. Each name is
// documented once, with an example, where it is defined; editors show that comment through these lines.

export {
  type ApplyConfigOptions,
  type ApplyOutcome,
  type AuditOptions,
  type AuditOutcome,
  applyConfig,
  auditConfig,
  type DriftOptions,
  type DriftOutcome,
  driftConfig,
  type ForecastOptions,
  type ForecastOutcome,
  forecastConfig,
  type ImportedRegions,
  type ImportOutcome,
  importRegion,
  type PlanOutcome,
  planConfig,
  type RenderReportsOptions,
  type RenderReportsOutcome,
  type RunOptions,
  renderReports,
  savePlan,
  type ValidateOptions,
  type ValidateOutcome,
  validateConfig,
} from "./app/index.js";
export { type PublishOutcome, publishKeys } from "./app/publish.js";
export { type ApplyEvent, type ApplyOptions, apply, applyPlan } from "./apply/execute.js";
export { loadConfig } from "./config/load.js";
export { type ConfigResult, type ParseOptions, parseConfig } from "./config/parse.js";
export { type DriftReportJson, driftFromJson, driftToJson } from "./contract/drift-json.js";
export { type PlanJson, planFromJson, planToJson } from "./contract/plan-json.js";
export { type EmulatorOptions, type RunningEmulator, startEmulator } from "./emulator/index.js";
export { createKms, type KmsOptions } from "./kms/client.js";
export { isKmsError, KmsError } from "./kms/kms-error.js";
export type { Kms } from "./kms/types.js";
export { formatDuration, parseDuration } from "./model/duration.js";
export type {
  Action,
  ApplyResult,
  ApplySummary,
  AuditReason,
  Config,
  DesiredKey,
  Diagnostic,
  DriftEntry,
  DriftReason,
  DriftReport,
  DriftStatus,
  KeyPlan,
  KeyResult,
  KeyWarning,
  Observation,
  ObservedKey,
  Plan,
  Problem,
  ProviderConfig,
  PublishedKey,
  PublishedVersion,
  PublishReport,
  Reason,
  Report,
  ReportKind,
  RotationPolicy,
} from "./model/index.js";
export { formatProblem } from "./model/source.js";
export type { KmsForRegion } from "./observe/kms-set.js";
export { type ObserveOptions, observeKeys } from "./observe/observe.js";
export { plan } from "./plan/index.js";
export { readPlanFile, writePlanFile } from "./plan-file/file.js";
export type { PlanFileProblem, ReadPlanFile, SavedPlanParts } from "./plan-file/index.js";
export { type ApplyResultJson, applyToJson } from "./render/apply-json.js";
export { APPLY_VIEWS, DRIFT_VIEWS, PLAN_VIEWS, type View, type ViewOptions } from "./render/views.js";
export { auditReasonText } from "./words/audit-text.js";
export { driftReasonText, reasonText, warningText } from "./words/problem-text.js";
