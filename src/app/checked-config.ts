// A config file read and checked before any KMS call: its schema and rules, and for plan and apply its
// own policy. What validate, plan, apply and publish refuse a file for, in one place.

import { configHints, loadConfig, sortProblems } from "../config/index.js";
import { type Config, type Diagnostic, problemDiagnostic } from "../model/index.js";
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
  const { config, problems, readable } = await loadConfig(file, { cwd: run.cwd });
  // As validate: the policy's problems of whatever could be read come with the reading's.
  const scope = config ?? readable;
  const breaches =
    enforcePolicy && scope ? policyProblems(scope, run.now ?? new Date()).map(policyProblem) : [];
  if (!config)
    return { diagnostics: sortProblems([...problems, ...breaches]).map((p) => problemDiagnostic(p)) };
  for (const hint of configHints(config)) run.onWarning?.(hint);
  return breaches.length > 0 ? { diagnostics: breaches.map((p) => problemDiagnostic(p)) } : { config };
}
