// Diagnostics for people: `error: message`, `warning: message`, or `file:line:column: message` for a
// problem in a file, details indented under it, a hint last. Wrapped to the terminal when it is known.

import type { Diagnostic } from "../model/diagnostic.js";
import { formatProblem } from "../model/source.js";
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

export function renderDiagnostic(d: Diagnostic, options: DiagnosticOptions): string {
  const paint = painter(options.colour);
  const lines: string[] = [];
  if (d.code === "config") {
    const text = formatProblem(d);
    const where = text.length - d.message.length;
    lines.push(...wrapLine(d.message, options.width, text.slice(0, where), Math.min(where, 8) + 2));
  } else {
    const label = LABEL[d.severity];
    const wrapped = wrapLine(d.message, options.width, label.text, label.text.length);
    const head = wrapped[0] ?? "";
    lines.push(`${paint(label.style, label.text)}${head.slice(label.text.length)}`, ...wrapped.slice(1));
  }
  for (const detail of d.details ?? []) lines.push(...wrapLine(detail, options.width, "  ", 4));
  if (d.hint !== undefined) lines.push(...wrapLine(d.hint, options.width));
  return `${lines.join("\n")}\n`;
}

export function renderDiagnostics(all: readonly Diagnostic[], options: DiagnosticOptions): string {
  return all.map((d) => renderDiagnostic(d, options)).join("");
}
