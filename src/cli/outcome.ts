// What a command returns: its exit code and what it has to tell people. main() prints the diagnostics,
// in one place, and exits with the code.

import type { Diagnostic } from "../model/index.js";

export interface Outcome {
  readonly exitCode: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function exit(exitCode: number, diagnostics: readonly Diagnostic[] = []): Outcome {
  return { exitCode, diagnostics };
}

/** Exit 1 with one error. */
export function failure(
  code: string,
  message: string,
  more: Omit<Diagnostic, "severity" | "code" | "message"> = {},
): Outcome {
  return { exitCode: 1, diagnostics: [{ severity: "error", code, message, ...more }] };
}

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === "object" && value !== null && "exitCode" in value && "diagnostics" in value;
}
