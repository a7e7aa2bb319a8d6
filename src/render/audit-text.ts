// The audit report for a terminal: one line per key, non-compliant first, reasons beneath.

import type { AuditOutcome, AuditReport } from "../model/index.js";
import { auditReasonText } from "../words/audit-text.js";
import { painter, type Style } from "./ansi.js";
import { auditCounts, auditVerdictLine, byVerdict, describeAuditPolicy } from "./audit-describe.js";
import { oneLine } from "./describe.js";
import { wrapLine } from "./wrap.js";

const STYLE: Record<AuditOutcome, { symbol: string; style: Style }> = {
  error: { symbol: "!", style: "red" },
  "non-compliant": { symbol: "✗", style: "red" },
  exempt: { symbol: "~", style: "yellow" },
  compliant: { symbol: "✓", style: "green" },
  "not-applicable": { symbol: "-", style: "dim" },
};

export function renderAuditText(report: AuditReport, options: { colour: boolean; width?: number }): string {
  const paint = painter(options.colour);
  const width = options.width;
  const keys = byVerdict(report.keys);
  const keyWidth = Math.min(40, Math.max(0, ...keys.map((k) => oneLine(k.key).length)));
  const regionWidth = Math.max(0, ...keys.map((k) => k.region.length));
  // Wrapped at the terminal's width like the drift and plan views: a hanging indent keeps each
  // wrapped line under its key, and reasons under the verdict.
  const lines = [...wrapLine(`Policy: ${describeAuditPolicy(report)}`, width, "", 2), ""];
  for (const k of keys) {
    const { symbol, style } = STYLE[k.verdict];
    const head = `${oneLine(k.key).padEnd(keyWidth)}  ${k.region.padEnd(regionWidth)}  ${k.verdict}`;
    const [first = "", ...rest] = wrapLine(head, width, "    ", 6);
    lines.push(`  ${paint(style, symbol)} ${first.slice(4)}`, ...rest);
    for (const reason of k.reasons) {
      lines.push(
        ...wrapLine(oneLine(auditReasonText(reason)), width, "      ", 8).map((l) => paint("dim", l)),
      );
    }
  }
  if (keys.length === 0) lines.push("  no keys to audit");
  const verdict = auditVerdictLine(report);
  const colour = report.summary.nonCompliant === 0 && !report.summary.errors ? "green" : "red";
  const footer = wrapLine(`${auditCounts(report)} (as of ${report.now})`, width, `${verdict}: `, 2);
  const [footFirst = "", ...footRest] = footer;
  lines.push("", `${paint(colour, verdict)}${footFirst.slice(verdict.length)}`, ...footRest, "");
  return lines.join("\n");
}
