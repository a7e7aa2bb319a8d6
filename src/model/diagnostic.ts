// What a command has to tell people besides its output: errors, warnings, notes. Data, with a code for
// programs; formatted in one place (src/render/diagnostics.ts) and printed in one place (src/cli/main.ts).

import type { Problem, SourcePosition } from "./source.js";

export type Severity = "error" | "warning" | "note";

export interface Diagnostic {
  readonly severity: Severity;
  /** What kind of trouble, stable for programs: `config`, `usage`, `kms`, `plan-file`, `stale-plan`, ... */
  readonly code: string;
  readonly message: string;
  /** Where in a user's file; printed as `file:line:column: message`. */
  readonly position?: SourcePosition;
  /** The declared key it is about, when there is one. */
  readonly key?: string;
  /** One line each, printed indented under the message. */
  readonly details?: readonly string[];
  /** A last line saying what to do next. */
  readonly hint?: string;
}

export function diagnostic(
  severity: Severity,
  code: string,
  message: string,
  more: Partial<Pick<Diagnostic, "details" | "hint" | "key">> = {},
): Diagnostic {
  return { severity, code, message, ...more };
}

/** A config problem (file:line:column) as a diagnostic. */
export function problemDiagnostic(problem: Problem, severity: Severity = "error"): Diagnostic {
  return {
    severity,
    code: "config",
    message: problem.message,
    ...(problem.position ? { position: problem.position } : {}),
    ...(problem.key !== undefined ? { key: problem.key } : {}),
  };
}
