// A config file read and checked before any KMS call: its schema and rules, and for plan and apply its
// own policy. What validate, plan, apply and publish refuse a file for, in one place.

import { configHints, loadConfig, sortProblems } from "../config/index.js";
import { type Config, type Diagnostic, type Problem, problemDiagnostic } from "../model/index.js";
import { policyProblems } from "../plan/index.js";
import { policyProblem } from "../words/problem-text.js";
import type { Resolved } from "./options.js";

/**
 * The config at `file`, or the diagnostics that refuse it before any KMS call: its schema and rules, and
 * with `enforcePolicy` its own policy as of `run.now` (plan and apply refuse what validate refuses).
 * Hints about a valid file go to `run.onWarning`.
 */
export async function checkedConfig(
  file: string,
  run: { readonly cwd: string; readonly now?: Date; readonly onWarning?: Resolved["onWarning"] },
  enforcePolicy: boolean,
): Promise<{ readonly config: Config } | { readonly diagnostics: readonly Diagnostic[] }> {
  const { config, problems, breaches } = await readConfig(
    file,
    run.cwd,
    run.now ?? new Date(),
    enforcePolicy,
  );
  if (!config)
    return { diagnostics: sortProblems([...problems, ...breaches]).map((p) => problemDiagnostic(p)) };
  for (const hint of configHints(config)) run.onWarning?.(hint);
  return breaches.length > 0 ? { diagnostics: breaches.map((p) => problemDiagnostic(p)) } : { config };
}

/**
 * The config at `file` and what is wrong with it: the reading's problems and, with `withPolicy`, its
 * policy's on whatever could be read (a bad date in one exception does not hide another key's breach).
 * Exceptions are live through their expiry day (UTC) as of `now`.
 */
export async function readConfig(
  file: string,
  cwd: string,
  now: Date,
  withPolicy: boolean,
): Promise<{ config?: Config; problems: readonly Problem[]; breaches: readonly Problem[] }> {
  const { config, problems, readable } = await loadConfig(file, { cwd });
  const scope = config ?? readable;
  const breaches = withPolicy && scope ? policyProblems(scope, now).map(policyProblem) : [];
  return { ...(config ? { config } : {}), problems, breaches };
}
