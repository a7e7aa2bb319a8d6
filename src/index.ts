// Library entry: the same stages the CLI wires together, for programs that embed kms-rotation.
//   const { config } = await loadConfig("kms.yaml");
//   const observations = await observeKeys(config.keys, (region) => createKms({ region }), { concurrency: 16, now });
//   const result = await apply(plan(config.keys, observations, new Date()), (region) => createKms({ region }), { now });

export { type ApplyEvent, type ApplyOptions, applyPlan as apply, applyPlan } from "./apply/execute.js";
export { type InventoryKey, inventory } from "./apply/inventory.js";
export type { KmsForRegion } from "./apply/kms-set.js";
export { KeyReadError, type ObserveOptions, observeKeys } from "./apply/observe.js";
export { type MovedKey, movedKeys } from "./apply/stale.js";
export * from "./config/index.js";
export { type EmulatorOptions, type RunningEmulator, startEmulator } from "./emulator/index.js";
export * from "./kms/index.js";
export {
  type AuditOptions,
  type AuditOutcome,
  auditConfig,
  type ForecastOptions,
  type ForecastOutcome,
  forecastConfig,
} from "./library/index.js";
export * from "./model/index.js";
export {
  auditKey,
  auditReport,
  driftEntry,
  driftReport,
  forecast,
  isIgnored,
  observedPolicy,
  plan,
  planKey,
  policyProblems,
  rulesFor,
  toIso,
} from "./plan/index.js";
export * from "./render/index.js";
