// Diagnostics for people: `error: message`, `warning: message`, or `file:line:column: message` for a
// problem in a file, details indented under it, a hint last. Wrapped to the terminal when it is known.

import type { Diagnostic } from "../model/diagnostic.js";
import { printable } from "../model/escape.js";
import { formatProblem, MAX_PRINTED_PROBLEMS, moreProblems } from "../model/source.js";
import { painter, type Style } from "./ansi.js";
import { wrapLine } from "./wrap.js";

export interface DiagnosticOptions {
  readonly colour: boolean;
  /** Terminal width to wrap at; none when the output is not a terminal and COLUMNS is not set. */
  readonly width?: number;
}

const LABEL: Record<Diagnostic["severity"], { text: string; style?: Style }> = {
  error: { text: "error: ", style: "red" },
  warning: { text: "warning: ", style: "yellow" },
  note: { text: "" },
};

/**
 * Every piece of text is printable() first: messages quote users' files, flags, saved plans and the
 * service's answers, and none of it may reach the terminal raw (control characters become `\u001b`).
 */
export function renderDiagnostic(d: Diagnostic, options: DiagnosticOptions): string {
  const paint = painter(options.colour);
  const lines: string[] = [];
  // A config problem with no place in the file (it cannot be read) is an error line like any other.
  const keyed = d.code === "config" && d.position === undefined && d.key !== undefined;
  const message = printable(keyed ? `${d.key}: ${d.message}` : d.message);
  if (d.code === "config" && d.position !== undefined) {
    const label = d.severity === "warning" ? "warning: " : "";
    const where = `${formatProblem({ ...d, message: "" })}${label}`;
    lines.push(...wrapLine(message, options.width, where, Math.min(where.length, 8) + 2));
  } else {
    const label = LABEL[d.severity];
    const wrapped = wrapLine(message, options.width, label.text, label.text.length);
    const head = wrapped[0] ?? "";
    lines.push(`${paint(label.style, label.text)}${head.slice(label.text.length)}`, ...wrapped.slice(1));
  }
  const details = d.details ?? [];
  for (const detail of details.slice(0, MAX_PRINTED_PROBLEMS))
    lines.push(...wrapLine(printable(detail), options.width, "  ", 4));
  if (details.length > MAX_PRINTED_PROBLEMS)
    lines.push(`  ${moreProblems(details.length, MAX_PRINTED_PROBLEMS)}`);
  if (d.hint !== undefined) lines.push(...wrapLine(printable(d.hint), options.width));
  return `${lines.join("\n")}\n`;
}

/** The first MAX_PRINTED_PROBLEMS config problems (a binary file has thousands), then a count of the rest. */
export function renderDiagnostics(all: readonly Diagnostic[], options: DiagnosticOptions): string {
  let problems = 0;
  const shown = all.filter((d) => d.code !== "config" || ++problems <= MAX_PRINTED_PROBLEMS);
  const text = shown.map((d) => renderDiagnostic(d, options)).join("");
  return problems > MAX_PRINTED_PROBLEMS ? `${text}${moreProblems(problems, MAX_PRINTED_PROBLEMS)}\n` : text;
}
