// The audit report for a terminal: one line per key, non-compliant first, reasons beneath.

import type { AuditReport, Verdict } from "../model/index.js";
import { painter, type Style } from "./ansi.js";
import { auditCounts, auditVerdictLine, byVerdict, describeAuditPolicy } from "./audit-describe.js";
import { oneLine } from "./describe.js";

const STYLE: Record<Verdict, { symbol: string; style: Style }> = {
  "non-compliant": { symbol: "✗", style: "red" },
  exempt: { symbol: "~", style: "yellow" },
  compliant: { symbol: "✓", style: "green" },
  "not-applicable": { symbol: "-", style: "dim" },
};

export function renderAuditText(report: AuditReport, options: { colour: boolean }): string {
  const paint = painter(options.colour);
  const keys = byVerdict(report.keys);
  const keyWidth = Math.min(40, Math.max(0, ...keys.map((k) => oneLine(k.key).length)));
  const regionWidth = Math.max(0, ...keys.map((k) => k.region.length));
  const lines = [`Policy: ${describeAuditPolicy(report)}`, ""];
  for (const k of keys) {
    const { symbol, style } = STYLE[k.verdict];
    const head = `${oneLine(k.key).padEnd(keyWidth)}  ${k.region.padEnd(regionWidth)}  ${k.verdict}`;
    lines.push(`  ${paint(style, symbol)} ${head}`);
    for (const reason of k.reasons) lines.push(`      ${paint("dim", oneLine(reason))}`);
  }
  if (keys.length === 0) lines.push("  no keys to audit");
  const verdict = auditVerdictLine(report);
  const colour = report.summary.nonCompliant === 0 ? "green" : "red";
  lines.push("", `${paint(colour, verdict)}: ${auditCounts(report)} (as of ${report.now})`, "");
  return lines.join("\n");
}
