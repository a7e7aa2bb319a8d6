// Where a value came from in a user's file, so every problem can point at it.

import { printable } from "./escape.js";

export interface SourcePosition {
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

/**
 * What kind of config problem, stable for programs (SARIF's ruleId): the syntax, the schema's checks,
 * the semantic rules and the policy's breaches each have their own.
 */
export type ProblemCode =
  | "UnreadableFile"
  | "InvalidYaml"
  | "UnknownField"
  | "MissingField"
  | "WrongType"
  | "NotAllowed"
  | "InvalidValue"
  | "InvalidKey"
  | "DuplicateKey"
  | "InvalidInterval"
  | "InvalidAccount"
  | "InvalidEndpoint"
  | "InvalidPolicy"
  | "RotationOff"
  | "IntervalOverMax"
  | "ExceptionExpired";

/** A problem a user caused: printed as `file:line:column: message`, never thrown through the CLI. */
export interface Problem {
  readonly message: string;
  /** What kind of problem; absent where none was given (a problem read back from elsewhere). */
  readonly rule?: ProblemCode;
  readonly position?: SourcePosition;
  /** The declared key the problem is about, when there is one. */
  readonly key?: string;
}

/** At most this many problems are printed, then a count of the rest: a binary file is not 2 MB of errors. */
export const MAX_PRINTED_PROBLEMS = 100;

/**
 * `file:line:column: message` for one problem, safe for a terminal (quoted text from the file is escaped,
 * long text cut).
 *
 * @example
 * ```ts
 * for (const problem of (await loadConfig("kms.yaml")).problems) console.error(formatProblem(problem));
 * ```
 */
export function formatProblem(problem: Problem): string {
  const where = problem.position
    ? `${problem.position.file}:${problem.position.line}:${problem.position.column}: `
    : "";
  const key = problem.key && !problem.position ? `${problem.key}: ` : "";
  return printable(`${where}${key}${problem.message}`);
}

/** The first MAX_PRINTED_PROBLEMS problems, one line each, then one line counting the rest. */
export function formatProblems(problems: readonly Problem[], format = formatProblem): string[] {
  const lines = problems.slice(0, MAX_PRINTED_PROBLEMS).map(format);
  if (problems.length > lines.length) lines.push(moreProblems(problems.length, lines.length));
  return lines;
}

/** `... and 50 more problems (150 in all)` */
export function moreProblems(total: number, shown: number): string {
  const rest = total - shown;
  return `... and ${rest} more ${rest === 1 ? "problem" : "problems"} (${total} in all)`;
}
