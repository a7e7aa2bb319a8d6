// Hand-built model values for renderer tests: renderers take plain data, so no planner or emulator is needed.

import type { ApplyResult, KeyResult } from "../../src/model/apply-result.js";
import type { DriftEntry, DriftReport } from "../../src/model/drift.js";
import { DAY, HOUR } from "../../src/model/duration.js";
import { type KeyPlan, type Plan, summarize } from "../../src/model/plan.js";

export const NOW = "2026-11-23T00:00:00Z";

export const ordersDb: KeyPlan = {
  key: "alias/orders-db",
  keyId: "key-orders",
  region: "cn-hangzhou",
  action: { kind: "update-rotation-policy", enable: true, interval: 90 * DAY },
  before: { mode: "off" },
  after: { mode: "automatic", interval: 90 * DAY },
  warnings: [],
};

export const auditLogs: KeyPlan = {
  key: "alias/audit-logs",
  keyId: "key-audit",
  region: "cn-hangzhou",
  action: { kind: "update-rotation-policy", enable: true, interval: 90 * DAY },
  before: { mode: "automatic", interval: 365 * DAY },
  after: { mode: "automatic", interval: 90 * DAY },
  warnings: [],
};

export const turnedOff: KeyPlan = {
  key: "alias/old-cache",
  keyId: "key-cache",
  region: "cn-hangzhou",
  action: { kind: "update-rotation-policy", enable: false },
  before: { mode: "automatic", interval: 36 * HOUR * 10, suspended: true },
  after: { mode: "off" },
  warnings: [],
};

export const paymentsSigner: KeyPlan = {
  key: "alias/payments-signer",
  keyId: "key-payments",
  region: "cn-shanghai",
  action: { kind: "create-key-version" },
  before: { mode: "off" },
  after: { mode: "manual", interval: 180 * DAY },
  lastRotationDate: "2026-05-01T00:00:00Z",
  versionCount: 3,
  warnings: [],
};

export const legacyReports: KeyPlan = {
  key: "alias/legacy-reports",
  keyId: "key-legacy",
  region: "cn-hangzhou",
  action: {
    kind: "blocked",
    reason: { code: "KeyDisabled", message: "the key is Disabled: enable it to change its rotation" },
  },
  before: { mode: "off" },
  after: { mode: "automatic", interval: 90 * DAY },
  warnings: [],
};

export const missingKey: KeyPlan = {
  key: "alias/gone",
  region: "cn-hangzhou",
  action: {
    kind: "blocked",
    reason: { code: "AliasNotFound", message: "no alias alias/gone in cn-hangzhou" },
  },
  after: { mode: "automatic", interval: 200 * HOUR },
  warnings: [],
};

export const backups: KeyPlan = {
  key: "alias/backups",
  keyId: "key-backups",
  region: "cn-hangzhou",
  action: { kind: "none" },
  before: { mode: "automatic", interval: 30 * DAY },
  after: { mode: "automatic", interval: 30 * DAY },
  warnings: [],
};

export const firmwareSigner: KeyPlan = {
  key: "alias/firmware-signer",
  keyId: "key-firmware",
  region: "cn-hangzhou",
  action: { kind: "none" },
  before: { mode: "off" },
  after: { mode: "manual", interval: 30 * DAY },
  lastRotationDate: "2026-11-01T00:00:00Z",
  versionCount: 46,
  warnings: [{ message: "46 of 50 versions used: the cap is reached in about 120d" }],
};

export function planOf(keys: readonly KeyPlan[], now = NOW): Plan {
  return { formatVersion: 1, now, summary: summarize(keys), keys };
}

export const fullPlan = planOf([ordersDb, auditLogs, paymentsSigner, legacyReports, backups, firmwareSigner]);

export function applyOf(results: readonly KeyResult[]): ApplyResult {
  const summary = { applied: 0, unchanged: 0, blocked: 0, failed: 0, notAttempted: 0 };
  for (const r of results)
    summary[r.outcome.status === "not-attempted" ? "notAttempted" : r.outcome.status]++;
  const verdict = summary.failed > 0 || summary.blocked > 0 ? "failed" : "succeeded";
  return { formatVersion: 1, now: NOW, summary, verdict, results };
}

export const applyResult = applyOf([
  {
    key: ordersDb.key,
    keyId: ordersDb.keyId,
    region: ordersDb.region,
    action: ordersDb.action,
    outcome: { status: "applied" },
  },
  {
    key: paymentsSigner.key,
    keyId: paymentsSigner.keyId,
    region: paymentsSigner.region,
    action: paymentsSigner.action,
    outcome: { status: "applied", detail: "version v-4" },
  },
  {
    key: auditLogs.key,
    keyId: auditLogs.keyId,
    region: auditLogs.region,
    action: auditLogs.action,
    outcome: { status: "failed", error: { code: "Rejected.Throttling", message: "QPS Limit Exceeded" } },
  },
  {
    key: legacyReports.key,
    region: legacyReports.region,
    action: legacyReports.action,
    outcome: { status: "blocked" },
  },
  {
    key: backups.key,
    keyId: backups.keyId,
    region: backups.region,
    action: backups.action,
    outcome: { status: "unchanged" },
  },
]);

export const driftEntries: DriftEntry[] = [
  {
    key: "alias/orders-db",
    keyId: "key-orders",
    region: "cn-hangzhou",
    status: "drifted",
    expected: { mode: "automatic", interval: 90 * DAY },
    actual: { mode: "off" },
  },
  {
    key: "alias/payments-signer",
    keyId: "key-payments",
    region: "cn-shanghai",
    status: "due",
    expected: { mode: "manual", interval: 180 * DAY },
    actual: { mode: "off" },
    reason: { code: "RotationDue", message: "a new version is due" },
    lastRotationDate: "2026-05-01T00:00:00Z",
  },
  {
    key: "alias/gone",
    region: "cn-hangzhou",
    status: "missing",
    expected: { mode: "automatic", interval: 36 * HOUR },
    reason: { code: "AliasNotFound", message: "no alias alias/gone" },
  },
  {
    key: "alias/legacy-reports",
    keyId: "key-legacy",
    region: "cn-hangzhou",
    status: "blocked",
    expected: { mode: "automatic", interval: 90 * DAY },
    actual: { mode: "automatic", interval: 90 * DAY, suspended: true },
    reason: { code: "KeyDisabled", message: "the key is Disabled: enable it to change its rotation" },
  },
  {
    key: "key-stray",
    keyId: "key-stray",
    region: "cn-shanghai",
    status: "unmanaged",
    actual: { mode: "automatic", interval: 365 * DAY },
  },
  {
    key: "alias/backups",
    keyId: "key-backups",
    region: "cn-hangzhou",
    status: "in-sync",
    expected: { mode: "automatic", interval: 30 * DAY },
    actual: { mode: "automatic", interval: 30 * DAY },
  },
];

export function driftOf(keys: readonly DriftEntry[]): DriftReport {
  return { formatVersion: 1, now: NOW, inSync: keys.every((k) => k.status === "in-sync"), keys };
}

/** Any ANSI escape sequence. */
export const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
