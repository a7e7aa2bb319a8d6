// `kms-rotation validate`: check a config file without calling KMS. Imports only the config stage and
// the model, so it starts fast and never loads the SDK.

import { configHints, loadConfig, sortProblems } from "../../config/index.js";
import type { Config } from "../../model/config.js";
import type { Diagnostic } from "../../model/diagnostic.js";
import { problemDiagnostic } from "../../model/diagnostic.js";
import { printable } from "../../model/escape.js";
import { formatProblems, type Problem } from "../../model/source.js";
import { baselineBreaches, policyProblems } from "../../plan/policy.js";
import { renderConfigSarif } from "../../render/sarif.js";
import { baselineWarning, policyProblem } from "../../words/problem-text.js";
import { nowFlag, type ParsedArgs } from "../args.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { TOOL } from "../tool.js";
import { UsageError } from "../usage-error.js";

const FORMATS = ["text", "github", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onlyPositional(args);
  const format = formatOf(args);
  const now = nowFlag(args) ?? new Date();
  const loaded = await loadConfig(file, { cwd: io.cwd });
  const { config } = loaded;
  // Every problem at once: the reading's, and the policy's on whatever could be read (a bad date in one
  // exception does not hide another key's breach). Exceptions are live through their expiry day (UTC)
  // as of --now, else the system clock.
  const scope = config ?? loaded.readable;
  const fromPolicy = scope ? policyProblems(scope, now).map(policyProblem) : [];
  const problems = sortProblems([...loaded.problems, ...fromPolicy]);
  // SARIF is the whole of stdout, problems or not; people still read them on stderr.
  if (format === "sarif") {
    const hints = config && problems.length === 0 ? warningsOf(config, now) : [];
    io.stdout.write(renderConfigSarif(problems, hints, { tool: TOOL, root: io.cwd, configFile: file }));
    if (config && problems.length === 0) {
      return exit(0, [...hints, { severity: "note", code: "validate", message: `ok: ${summary(config)}` }]);
    }
    return exit(
      1,
      problems.map((p) => problemDiagnostic(p)),
    );
  }
  if (config && problems.length === 0) {
    io.stdout.write(`ok: ${summary(config)}\n`);
    const hints = warningsOf(config, now);
    if (format !== "github") return exit(0, hints);
    for (const hint of hints) io.stdout.write(`${githubAnnotation(hint).replace(/^::error/, "::warning")}\n`);
    return exit(0);
  }
  // GitHub annotations are this command's output (stdout), read by the runner, not diagnostics.
  if (format === "github") {
    for (const line of formatProblems(problems, githubAnnotation)) io.stdout.write(`${line}\n`);
    return exit(1);
  }
  return exit(
    1,
    problems.map((p) => problemDiagnostic(p)),
  );
}

/** Hints about a valid file, then what audit's baseline will say of it when it states no policy. */
function warningsOf(config: Config, now: Date): Diagnostic[] {
  return [...configHints(config), ...baselineBreaches(config, now).map(baselineWarning)];
}

function onlyPositional(args: ParsedArgs): string {
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError("missing the config file to validate");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}": validate takes one file`);
  return file;
}

function formatOf(args: ParsedArgs): Format {
  const value = args.values.format ?? "text";
  if (typeof value !== "string" || !(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${String(value)}")`);
  }
  return value as Format;
}

/** `12 keys in 2 regions`, `1 key in 1 region`; with accounts, `... of 3 accounts (6 units for --shard)`. */
export function summary(config: Config): string {
  const keys = config.keys.length;
  const regions = new Set(config.keys.map((k) => k.region)).size;
  const text = `${keys} ${keys === 1 ? "key" : "keys"} in ${regions} ${regions === 1 ? "region" : "regions"}`;
  const accounts = new Set(config.keys.flatMap((k) => (k.account === undefined ? [] : [k.account]))).size;
  if (accounts === 0) return text;
  const units = new Set(config.keys.map((k) => `${k.account ?? ""}/${k.region}`)).size;
  return `${text} of ${accounts} ${accounts === 1 ? "account" : "accounts"} (${units} (account, region) ${units === 1 ? "unit" : "units"} to shard)`;
}

/** `::error file=…,line=…,col=…::message`, escaped as GitHub Actions' workflow commands require. */
export function githubAnnotation(problem: Problem): string {
  const where = problem.position;
  const properties = where
    ? ` file=${escapeProperty(printable(where.file))},line=${where.line},col=${where.column}`
    : "";
  const key = problem.key && !where ? `${problem.key}: ` : "";
  return `::error${properties}::${printable(escapeData(`${key}${problem.message}`))}`;
}

function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
