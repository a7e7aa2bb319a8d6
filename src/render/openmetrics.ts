// drift and audit as OpenMetrics text, for a textfile collector or a Pushgateway: one series per key with
// its status (or verdict), counts per status, ages and dates in seconds, the run's own time; `# EOF` last.

import type { AuditEntry, AuditReport, Verdict } from "../model/compliance.js";
import type { DriftEntry, DriftReport, DriftStatus } from "../model/drift.js";

/** One metric family: its samples share the name, each with its labels. */
interface Family {
  readonly name: string;
  readonly help: string;
  /** Set for families measured in seconds; the name then ends `_seconds`, as OpenMetrics requires. */
  readonly unit?: "seconds";
  readonly samples: readonly Sample[];
}

interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const DRIFT_STATUSES: readonly DriftStatus[] = [
  "in-sync",
  "drifted",
  "due",
  "missing",
  "blocked",
  "error",
  "unmanaged",
];
const VERDICTS: readonly Verdict[] = ["compliant", "non-compliant", "exempt", "not-applicable"];

export function renderDriftOpenMetrics(report: DriftReport): string {
  const p = "kms_rotation_drift";
  const labelled = (k: DriftEntry) => keyLabels(k.key, k.keyId, k.region, k.account);
  const now = Date.parse(report.now);
  const withAge = report.keys.filter((k) => k.lastRotationDate !== undefined);
  const withInterval = report.keys.filter((k) => k.expected !== undefined && k.expected.mode !== "off");
  return exposition([
    {
      name: `${p}_key_status`,
      help: "1 for each key, labelled with its drift status (in-sync, drifted, due, missing, blocked, error, unmanaged).",
      samples: report.keys.map((k) => ({ labels: { ...labelled(k), status: k.status }, value: 1 })),
    },
    {
      name: `${p}_keys`,
      help: "How many keys have each drift status.",
      samples: DRIFT_STATUSES.map((status) => ({
        labels: { status },
        value: report.keys.filter((k) => k.status === status).length,
      })),
    },
    {
      name: `${p}_in_sync`,
      help: "1 when every key rotates as the file declares, else 0 (drift exits 2).",
      samples: [{ labels: {}, value: report.inSync ? 1 : 0 }],
    },
    {
      name: `${p}_key_current_version_age_seconds`,
      help: "Age of the key's current version (keys rotated by CreateKeyVersion).",
      unit: "seconds",
      samples: withAge.map((k) => ({
        labels: labelled(k),
        value: Math.max(0, Math.floor((now - Date.parse(k.lastRotationDate as string)) / 1000)),
      })),
    },
    {
      name: `${p}_key_declared_interval_seconds`,
      help: "The rotation interval the file declares for the key.",
      unit: "seconds",
      samples: withInterval.map((k) => ({
        labels: labelled(k),
        value: (k.expected as { readonly interval: number }).interval,
      })),
    },
    runTimestamp(p, now),
  ]);
}

export function renderAuditOpenMetrics(report: AuditReport): string {
  const p = "kms_rotation_audit";
  const labelled = (k: AuditEntry) => keyLabels(k.key, k.keyId, k.region, k.account);
  const now = Date.parse(report.now);
  const seconds = (k: AuditEntry, pick: (k: AuditEntry) => number | null) => {
    const value = pick(k);
    return value === null ? [] : [{ labels: labelled(k), value }];
  };
  return exposition([
    {
      name: `${p}_key_verdict`,
      help: "1 for each key, labelled with its verdict against the policy (compliant, non-compliant, exempt, not-applicable).",
      samples: report.keys
        .filter((k) => k.verdict !== "error")
        .map((k) => ({ labels: { ...labelled(k), verdict: k.verdict }, value: 1 })),
    },
    ...auditErrorFamilies(p, report, labelled),
    {
      name: `${p}_keys`,
      help: "How many keys have each verdict.",
      samples: VERDICTS.map((verdict) => ({
        labels: { verdict },
        value: report.keys.filter((k) => k.verdict === verdict).length,
      })),
    },
    {
      name: `${p}_key_current_version_age_seconds`,
      help: "Age of the key's current version.",
      unit: "seconds",
      samples: report.keys.flatMap((k) => seconds(k, (e) => e.currentVersionAge)),
    },
    {
      name: `${p}_key_rotation_interval_seconds`,
      help: "The automatic rotation interval KMS has for the key.",
      unit: "seconds",
      samples: report.keys.flatMap((k) => seconds(k, (e) => e.rotation?.interval ?? null)),
    },
    {
      name: `${p}_key_next_rotation_timestamp_seconds`,
      help: "When the key next rotates (automatic) or falls due (manual), as a Unix time.",
      unit: "seconds",
      samples: report.keys.flatMap((k) =>
        seconds(k, (e) => (e.nextRotation === null ? null : Date.parse(e.nextRotation) / 1000)),
      ),
    },
    ...(report.policy.maxInterval === undefined
      ? []
      : [
          {
            name: `${p}_policy_max_interval_seconds`,
            help: "policy.maxInterval: no key may rotate less often than this.",
            unit: "seconds" as const,
            samples: [{ labels: {}, value: report.policy.maxInterval }],
          },
        ]),
    runTimestamp(p, now),
  ]);
}

/** The run's own time as a gauge: a Pushgateway refuses samples with timestamps. */
/** An unread key has no verdict (section 14): its own series, never a verdict label. */
function auditErrorFamilies(
  p: string,
  report: AuditReport,
  labelled: (k: AuditEntry) => Record<string, string>,
): Family[] {
  return [
    {
      name: `${p}_key_error`,
      help: "1 for each key that could not be read or whose answer failed the check, labelled with the error code.",
      samples: report.keys.flatMap((k) =>
        k.error === undefined ? [] : [{ labels: { ...labelled(k), code: k.error.code }, value: 1 }],
      ),
    },
    {
      name: `${p}_errors`,
      help: "How many keys could not be read (no verdict; audit exits 1).",
      samples: [{ labels: {}, value: report.keys.filter((k) => k.verdict === "error").length }],
    },
  ];
}

function runTimestamp(prefix: string, now: number): Family {
  return {
    name: `${prefix}_timestamp_seconds`,
    help: "When the run judged the keys (its --now, else the clock), as a Unix time.",
    unit: "seconds",
    samples: [{ labels: {}, value: now / 1000 }],
  };
}

/**
 * The labels of a per-key series: `key`, `key_id`, `region`, `account`. A key not found has no KeyId and a
 * config may name no account: such a label is left out rather than written empty, since OpenMetrics and
 * Prometheus read an empty label value as no label (`account=""` and no `account` are one series).
 */
function keyLabels(
  key: string,
  keyId: string | null | undefined,
  region: string,
  account: string | null | undefined,
): Record<string, string> {
  return {
    key,
    ...(keyId ? { key_id: keyId } : {}),
    region,
    ...(account ? { account } : {}),
  };
}

function exposition(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# TYPE ${family.name} gauge`);
    if (family.unit) lines.push(`# UNIT ${family.name} ${family.unit}`);
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    for (const sample of family.samples)
      lines.push(`${family.name}${labelSet(sample.labels)} ${number(sample.value)}`);
  }
  lines.push("# EOF");
  return `${lines.join("\n")}\n`;
}

function labelSet(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** OpenMetrics' escapes in a label value: backslash, double quote, line feed. */
export function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

/** Plain decimal (never exponent form, which some readers refuse); seconds to the millisecond. */
function number(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
}
