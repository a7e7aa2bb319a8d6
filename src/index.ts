// Library entry: a deliberate list, not everything. The one-call functions do what the CLI's commands
// do; the stages below them (config, planner, executor, KMS client, emulator, views) are here for
// programs that wire their own. Nothing here prints; every user-caused failure is a value.

import { applyPlan as applyPlanImpl } from "./apply/execute.js";
import { loadConfig as loadConfigImpl } from "./config/load.js";
import { parseConfig as parseConfigImpl } from "./config/parse.js";
import { driftFromJson as driftFromJsonImpl, driftToJson as driftToJsonImpl } from "./contract/drift-json.js";
import { planFromJson as planFromJsonImpl, planToJson as planToJsonImpl } from "./contract/plan-json.js";
import { startEmulator as startEmulatorImpl } from "./emulator/index.js";
import { createKms as createKmsImpl } from "./kms/client.js";
import { isKmsError as isKmsErrorImpl } from "./kms/errors.js";
import {
  formatDuration as formatDurationImpl,
  parseDuration as parseDurationImpl,
} from "./model/duration.js";
import { formatProblem as formatProblemImpl } from "./model/source.js";
import { observeKeys as observeKeysImpl } from "./observe/observe.js";
import { plan as planImpl } from "./plan/index.js";
import { readPlanFile as readPlanFileImpl, writePlanFile as writePlanFileImpl } from "./plan-file/file.js";
import { applyToJson as applyToJsonImpl } from "./render/apply-json.js";
import {
  APPLY_VIEWS as APPLY_VIEWS_IMPL,
  DRIFT_VIEWS as DRIFT_VIEWS_IMPL,
  PLAN_VIEWS as PLAN_VIEWS_IMPL,
} from "./render/views.js";
import { auditReasonText as auditReasonTextImpl } from "./words/audit-text.js";
import {
  driftReasonText as driftReasonTextImpl,
  reasonText as reasonTextImpl,
  warningText as warningTextImpl,
} from "./words/problem-text.js";

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
  type PlanOutcome,
  planConfig,
  type RunOptions,
  savePlan,
} from "./app/index.js";
export { type PublishOutcome, publishKeys } from "./app/publish.js";
export type { ApplyEvent, ApplyOptions } from "./apply/execute.js";
export type { ConfigResult, ParseOptions } from "./config/parse.js";
export type { DriftReportJson } from "./contract/drift-json.js";
export type { PlanJson } from "./contract/plan-json.js";
export type { EmulatorOptions, RunningEmulator } from "./emulator/index.js";
export type { KmsOptions } from "./kms/client.js";
export { KmsError } from "./kms/errors.js";
export type { Kms } from "./kms/types.js";
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
  RotationPolicy,
} from "./model/index.js";
export type { KmsForRegion } from "./observe/kms-set.js";
export type { ObserveOptions } from "./observe/observe.js";
export type { PlanFileProblem, ReadPlanFile, SavedPlanParts } from "./plan-file/index.js";
export type { ApplyResultJson } from "./render/apply-json.js";
export type { View, ViewOptions } from "./render/views.js";

/**
 * Reads and checks a config file (YAML, schema, rules); every problem comes back as
 * `file:line:column` data, nothing is thrown for a bad file.
 *
 * @example
 * ```ts
 * const { config, problems } = await loadConfig("kms/rotation.yaml");
 * if (!config) for (const p of problems) console.error(formatProblem(p));
 * ```
 */
export const loadConfig: typeof loadConfigImpl = loadConfigImpl;

/**
 * {@link loadConfig} for text already in hand; `file` names it in problems.
 *
 * @example
 * ```ts
 * const { config } = parseConfig("version: 1\nkeys: []\n", "inline.yaml");
 * ```
 */
export const parseConfig: typeof parseConfigImpl = parseConfigImpl;

/**
 * `file:line:column: message` for one problem, escaped for a terminal.
 *
 * @example
 * ```ts
 * for (const problem of (await loadConfig("kms.yaml")).problems) console.error(formatProblem(problem));
 * ```
 */
export const formatProblem: typeof formatProblemImpl = formatProblemImpl;

/**
 * The pure planner: declared keys and what KMS showed for each (same order) in, a Plan out. The clock
 * is an argument; it never throws for a key (a key it cannot handle is `blocked` with a reason).
 *
 * @example
 * ```ts
 * const now = new Date();
 * const observations = await observeKeys(config.keys, kmsFor, { concurrency: 16, now });
 * const changes = plan(config.keys, observations, now).keys.filter((k) => k.action.kind !== "none");
 * ```
 */
export const plan: typeof planImpl = planImpl;

/**
 * Reads every declared key from KMS (DescribeKey, ListKeyVersions for manual keys): the second input
 * of {@link plan}. A key that cannot be read is an observation saying so.
 *
 * @example
 * ```ts
 * const kmsFor = (region: string) => createKms({ region });
 * const observations = await observeKeys(config.keys, kmsFor, { concurrency: 16, now: new Date() });
 * ```
 */
export const observeKeys: typeof observeKeysImpl = observeKeysImpl;

/**
 * Runs a plan through KMS: a fresh read of each key before its write, a lost response settled by
 * reading, never by sending again; one failed key never stops the others. Progress via `onEvent`.
 *
 * @example
 * ```ts
 * const result = await applyPlan(planned, (region) => createKms({ region }), { now: new Date() });
 * console.log(result.verdict, result.summary);
 * ```
 */
export const applyPlan: typeof applyPlanImpl = applyPlanImpl;

/**
 * {@link applyPlan} by the name the contract gives it.
 *
 * @example
 * ```ts
 * await apply(plan(config.keys, observations, now), kmsFor, { now });
 * ```
 */
export const apply: typeof applyPlanImpl = applyPlanImpl;

/**
 * A KMS client for one region over the official SDK, with pacing to the quota, retries and the
 * standard credential chain (or `credentials`). `endpoint` sends it elsewhere (VPC, emulator).
 *
 * @example
 * ```ts
 * const kms = createKms({ region: "cn-hangzhou" });
 * const key = await kms.describeKey("alias/orders-db");
 * ```
 */
export const createKms: typeof createKmsImpl = createKmsImpl;

/**
 * Whether an error is a KMS error (`code`, `status`, `retryable`) rather than a bug.
 *
 * @example
 * ```ts
 * try { await kms.describeKey("alias/x"); } catch (e) { if (isKmsError(e)) console.error(e.code); else throw e; }
 * ```
 */
export const isKmsError: typeof isKmsErrorImpl = isKmsErrorImpl;

/**
 * Starts the KMS emulator in this process (the real RPC protocol, both signature versions, quotas,
 * faults, a simulated clock); `port: 0` picks a free port.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ region: "cn-hangzhou", port: 0 });
 * const { plan } = await planConfig("kms.yaml", { endpoint: emulator.url });
 * await emulator.close();
 * ```
 */
export const startEmulator: typeof startEmulatorImpl = startEmulatorImpl;

/**
 * `"90d"` to seconds (7776000); undefined for anything that is not `<integer><d|h|m|s>`.
 *
 * @example
 * ```ts
 * parseDuration("720h") === parseDuration("30d"); // true
 * ```
 */
export const parseDuration: typeof parseDurationImpl = parseDurationImpl;

/**
 * Seconds to the largest exact unit: 7776000 to `"90d"`.
 *
 * @example
 * ```ts
 * formatDuration(2592000); // "30d"
 * ```
 */
export const formatDuration: typeof formatDurationImpl = formatDurationImpl;

/**
 * A blocked key's reason in words. Reasons are data (a `code` and its parameters, intervals in
 * seconds); this is the sentence every view prints. A reason read from a saved plan keeps its words.
 *
 * @example
 * ```ts
 * for (const k of planned.keys) if (k.action.kind === "blocked") console.log(k.key, reasonText(k.action.reason));
 * ```
 */
export const reasonText: typeof reasonTextImpl = reasonTextImpl;

/**
 * A plan warning (`KeyPlan.warnings`, data with a `code`) in words, as the views print it.
 *
 * @example
 * ```ts
 * for (const k of planned.keys) for (const w of k.warnings) console.warn(`${k.key}: ${warningText(w)}`);
 * ```
 */
export const warningText: typeof warningTextImpl = warningTextImpl;

/**
 * Why a drift entry is not in sync (`DriftEntry.reason`), in words.
 *
 * @example
 * ```ts
 * for (const e of drift.keys) if (e.reason) console.log(e.key, e.status, driftReasonText(e.reason));
 * ```
 */
export const driftReasonText: typeof driftReasonTextImpl = driftReasonTextImpl;

/**
 * One of an audit entry's `reasons` (data with a `code`) in words, as the audit views print it.
 *
 * @example
 * ```ts
 * for (const k of audit.keys) console.log(k.key, k.verdict, k.reasons.map(auditReasonText).join("; "));
 * ```
 */
export const auditReasonText: typeof auditReasonTextImpl = auditReasonTextImpl;

/**
 * A Plan as the contract's JSON (what `plan --format json` prints).
 *
 * @example
 * ```ts
 * writeFileSync("plan.json", JSON.stringify(planToJson(planned), null, 2));
 * ```
 */
export const planToJson: typeof planToJsonImpl = planToJsonImpl;

/**
 * Plan JSON back into a Plan; the value must already be valid (see {@link readPlanFile}).
 *
 * @example
 * ```ts
 * const planned = planFromJson(JSON.parse(readFileSync("plan.json", "utf8")));
 * ```
 */
export const planFromJson: typeof planFromJsonImpl = planFromJsonImpl;

/**
 * A drift report as the contract's JSON (what `drift --format json` prints).
 *
 * @example
 * ```ts
 * const { report } = await driftConfig("kms.yaml");
 * if (report) console.log(JSON.stringify(driftToJson(report)));
 * ```
 */
export const driftToJson: typeof driftToJsonImpl = driftToJsonImpl;

/**
 * Drift JSON back into a DriftReport; the value must already be valid against schemas/drift.schema.json.
 *
 * @example
 * ```ts
 * const report = driftFromJson(JSON.parse(readFileSync("drift.json", "utf8")));
 * ```
 */
export const driftFromJson: typeof driftFromJsonImpl = driftFromJsonImpl;

/**
 * What apply did, as the JSON `apply --format json` prints.
 *
 * @example
 * ```ts
 * const { result } = await applyConfig("kms.yaml");
 * if (result) console.log(JSON.stringify(applyToJson(result)));
 * ```
 */
export const applyToJson: typeof applyToJsonImpl = applyToJsonImpl;

/**
 * A saved plan (`plan --out`) read and checked against its schema: the plan and what each key looked
 * like, or a problem for people.
 *
 * @example
 * ```ts
 * const read = await readPlanFile("plan.json");
 * if ("problem" in read) console.error(read.problem.message);
 * ```
 */
export const readPlanFile: typeof readPlanFileImpl = readPlanFileImpl;

/**
 * Saves a plan as `plan --out` does (owner-only), with what each key looked like, for a later apply.
 *
 * @example
 * ```ts
 * const { plan: planned, saved } = await planConfig("kms.yaml");
 * if (planned && saved) await writePlanFile("plan.json", planned, saved);
 * ```
 */
export const writePlanFile: typeof writePlanFileImpl = writePlanFileImpl;

/**
 * The plan's views by format (`text`, `json`, `markdown`), as the CLI chooses them.
 *
 * @example
 * ```ts
 * process.stdout.write(PLAN_VIEWS.markdown(planned, { colour: false }));
 * ```
 */
export const PLAN_VIEWS: typeof PLAN_VIEWS_IMPL = PLAN_VIEWS_IMPL;

/**
 * The drift report's views by format (`text`, `json`, `markdown`, `junit`).
 *
 * @example
 * ```ts
 * writeFileSync("drift-junit.xml", DRIFT_VIEWS.junit(drift, { colour: false }));
 * ```
 */
export const DRIFT_VIEWS: typeof DRIFT_VIEWS_IMPL = DRIFT_VIEWS_IMPL;

/**
 * Apply results' views by format (`text`, `json`, `markdown`).
 *
 * @example
 * ```ts
 * process.stdout.write(APPLY_VIEWS.text(result, { colour: process.stdout.isTTY }));
 * ```
 */
export const APPLY_VIEWS: typeof APPLY_VIEWS_IMPL = APPLY_VIEWS_IMPL;
