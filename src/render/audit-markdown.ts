// The audit report as an evidence document: the summary first, then the keys that break the policy,
// then every other key folded away.

import type { AuditEntry, AuditReport } from "../model/index.js";
import { auditReasonText } from "../words/audit-text.js";
import {
  auditVerdictLine,
  byVerdict,
  describeAge,
  describeAuditPolicy,
  describeKmsRotation,
} from "./audit-describe.js";
import { plural } from "./describe.js";
import { blocks, details, table } from "./markdown.js";

const HEADERS = [
  "Verdict",
  "Key",
  "Key id",
  "Region",
  "Account",
  "Spec",
  "State",
  "Rotation in KMS",
  "Last rotation",
  "Age",
  "Next rotation",
  "Versions",
  "Reasons",
] as const;

export function renderAuditMarkdown(report: AuditReport): string {
  const keys = byVerdict(report.keys);
  const breaking = keys.filter((k) => k.verdict === "non-compliant");
  const unread = keys.filter((k) => k.verdict === "error");
  const rest = keys.filter((k) => k.verdict !== "non-compliant" && k.verdict !== "error");
  const s = report.summary;
  const heading =
    s.nonCompliant === 0 && unread.length === 0
      ? "## ✅ KMS key rotation audit"
      : "## ❌ KMS key rotation audit";
  return blocks(
    [heading],
    [`**${auditVerdictLine(report)}.** Evaluated ${report.now}.`],
    table(
      ["Policy", "Keys", "Compliant", "Non-compliant", "Exempt", "Not applicable"],
      [
        [
          describeAuditPolicy(report),
          `${s.keys}`,
          `${s.compliant}`,
          `${s.nonCompliant}`,
          `${s.exempt}`,
          `${s.notApplicable}`,
        ],
      ],
    ),
    unread.length > 0 ? ["### Keys that could not be read", "", ...table(HEADERS, unread.map(row))] : [],
    breaking.length > 0 ? ["### Keys that break the policy", "", ...table(HEADERS, breaking.map(row))] : [],
    rest.length > 0
      ? details(
          `${plural(rest.length, "other key")}: ${s.compliant} compliant, ${s.exempt} exempt, ${s.notApplicable} not applicable`,
          table(HEADERS, rest.map(row)),
        )
      : [],
  );
}

function row(k: AuditEntry): string[] {
  return [
    k.verdict,
    k.key,
    k.keyId ?? "",
    k.region,
    k.account ?? "",
    k.spec ?? "",
    k.state ?? "",
    describeKmsRotation(k),
    k.lastRotation ?? "",
    describeAge(k.currentVersionAge),
    k.nextRotation ?? "",
    k.versionCount === null ? "" : `${k.versionCount}`,
    k.reasons.map(auditReasonText).join("; "),
  ];
}
