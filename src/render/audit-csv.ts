// The audit report for spreadsheets: one row per key, the contract's fields as columns.

import type { AuditReport } from "../model/index.js";
import { formatDuration } from "../model/index.js";
import { auditReasonText } from "../words/audit-text.js";
import { csv } from "./csv.js";

const HEADER = [
  "keyId",
  "key",
  "region",
  "account",
  "spec",
  "state",
  "automaticRotation",
  "rotationInterval",
  "lastRotation",
  "currentVersionAge",
  "nextRotation",
  "versionCount",
  "verdict",
  "reasons",
] as const;

/** Only a report with signing keys has these columns: other reports keep their bytes. */
const SIGNING_HEADER = ["activeVersion", "activeVersionAge"] as const;

export function renderAuditCsv(report: AuditReport): string {
  const signing = report.keys.some((k) => k.activeVersion !== undefined);
  return csv(
    signing ? [...HEADER, ...SIGNING_HEADER] : HEADER,
    report.keys.map((k) => [
      k.keyId,
      k.key,
      k.region,
      k.account,
      k.spec,
      k.state,
      k.rotation?.automatic ?? null,
      k.rotation?.interval == null ? null : formatDuration(k.rotation.interval),
      k.lastRotation,
      k.currentVersionAge,
      k.nextRotation,
      k.versionCount,
      k.verdict,
      k.reasons.map(auditReasonText).join("; "),
      ...(signing ? [k.activeVersion ?? null, k.activeVersionAge ?? null] : []),
    ]),
  );
}
