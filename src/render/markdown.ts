// Markdown building blocks for pull-request comments, job summaries and issue bodies.

import { oneLine } from "./describe.js";

/**
 * User text as inert Markdown: `|` would split a table cell, backticks open code, `<` opens HTML (GitHub
 * renders it), `*`, `_`, `[`, `~` format; a backslash makes each literal.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]|<>~&#]/g, (c) => `\\${c}`);
}

/** A GitHub-flavoured table; cells are escaped here, so callers pass plain text. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
  return [line(headers), `|${headers.map(() => "---").join("|")}|`, ...rows.map(line)];
}

/** A folded block: a blank line after `<summary>` lets the Markdown inside render. */
export function details(summary: string, body: readonly string[]): string[] {
  // The summary line is raw HTML, where backslash escapes do not apply: escape it as HTML.
  return ["<details>", `<summary>${escapeHtml(oneLine(summary))}</summary>`, "", ...body, "", "</details>"];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A bullet list of plain text. */
export function bullets(items: readonly string[]): string[] {
  return items.map((item) => `- ${escapeMarkdown(item)}`);
}

/** Joins blocks with blank lines between them, dropping empty ones. */
export function blocks(...parts: readonly (readonly string[])[]): string {
  return `${parts
    .filter((p) => p.length > 0)
    .map((p) => p.join("\n"))
    .join("\n\n")}\n`;
}
