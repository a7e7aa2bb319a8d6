// GitHub Actions annotations (`::error file=…,line=…,col=…::message`): validate's output with
// `--format github`, read by the runner and shown on the pull request's lines. A view: it arranges the
// problems it is given, escaped as GitHub's workflow commands require.

import { printable } from "../model/escape.js";
import { formatProblems, type Problem } from "../model/source.js";

export type AnnotationLevel = "error" | "warning";

/** `::error file=…,line=…,col=…::message` (or `::warning`), escaped as GitHub Actions' workflow commands require. */
export function githubAnnotation(problem: Problem, level: AnnotationLevel = "error"): string {
  const where = problem.position;
  const properties = where
    ? ` file=${escapeProperty(printable(where.file))},line=${where.line},col=${where.column}`
    : "";
  const key = problem.key && !where ? `${problem.key}: ` : "";
  return `::${level}${properties}::${printable(escapeData(`${key}${problem.message}`))}`;
}

/** Problems as `::error` lines: the first MAX_PRINTED_PROBLEMS, then a count of the rest. */
export function renderGithubErrors(problems: readonly Problem[]): string {
  return formatProblems(problems, (p) => githubAnnotation(p))
    .map((line) => `${line}\n`)
    .join("");
}

/** Warnings (hints about a valid file) as `::warning` lines, every one. */
export function renderGithubWarnings(warnings: readonly Problem[]): string {
  return warnings.map((w) => `${githubAnnotation(w, "warning")}\n`).join("");
}

function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
