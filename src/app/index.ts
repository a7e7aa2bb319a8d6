// The library's one-call functions: each does what its CLI command does, returns values and
// diagnostics, and never prints.

export {
  type ApplyConfigOptions,
  type ApplyOutcome,
  applyConfig,
  applyInputProblems,
} from "./apply-config.js";
export { type AuditOptions, type AuditOutcome, auditConfig } from "./audit-config.js";
export { type Connection, connect, regionalStatePath } from "./connect.js";
export { type DriftOptions, type DriftOutcome, driftConfig } from "./drift-config.js";
export { type ForecastOptions, type ForecastOutcome, forecastConfig } from "./forecast-config.js";
export { type ImportedRegions, type ImportOutcome, importRegion } from "./import-region.js";
export { kmsFailure, readErrors } from "./kms-failures.js";
export { type Opened, openConnection, seedProblems } from "./open-connection.js";
export { type Resolved, type RunOptions, resolveOptions } from "./options.js";
export { type PlanOutcome, planConfig, planRun } from "./plan-config.js";
export {
  type RenderReportsOptions,
  type RenderReportsOutcome,
  renderReports,
} from "./render-reports.js";
export { planSaveRefusal, savePlan } from "./save-plan.js";
export { type OpenedPlan, openSavedPlan } from "./saved-plan.js";
export { openSession, type Session } from "./session.js";
export { type ValidateOptions, type ValidateOutcome, validateConfig } from "./validate-config.js";
