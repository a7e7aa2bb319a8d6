// The audit's verdicts as the pure planner gives them: the key, what KMS showed, the policy and the clock
// in, a verdict with its reasons out. No emulator: plan/audit.ts does no I/O. Its parts are tested beside
// it (audit-evidence, audit-verdict); here the entry they make together, and the report.

import { describe, expect, it } from "vitest";
import { BASELINE_POLICY, DAY } from "../../src/model/index.js";
import { auditCountsVersions, auditKey, auditReport } from "../../src/plan/audit.js";
import { observedKey } from "../helpers/observed.js";

const NOW = new Date("2026-12-01T00:00:00Z");
const subject = {
  key: "alias/a",
  region: "cn-hangzhou",
  declared: { mode: "automatic", interval: 90 * DAY },
} as const;

describe("auditKey", () => {
  it("a key rotating automatically within the policy is compliant", () => {
    const key = observedKey({
      keyId: "k1",
      creationDate: "2026-01-01T00:00:00Z",
      automaticRotation: "Enabled",
      rotationInterval: 90 * DAY,
    });
    const entry = auditKey(subject, { found: true, key }, BASELINE_POLICY, NOW);
    expect(entry.verdict).toBe("compliant");
    expect(entry.reasons.map((r) => ("code" in r ? r.code : r.message))).toEqual(["Rotates"]);
  });

  it("a key not rotating breaks requireRotation, and an exception makes it exempt", () => {
    const key = observedKey({ keyId: "k2", creationDate: "2026-01-01T00:00:00Z" });
    const breaking = auditKey(subject, { found: true, key }, BASELINE_POLICY, NOW);
    expect(breaking.verdict).toBe("non-compliant");
    expect(breaking.reasons.map((r) => ("code" in r ? r.code : r.message))).toEqual([
      "BreaksRequireRotation",
    ]);
    const excepted = { ...subject, exception: { reason: "vendor", expires: "2099-01-01" } };
    expect(auditKey(excepted, { found: true, key }, BASELINE_POLICY, NOW).verdict).toBe("exempt");
  });

  it("a key KMS does not have is non-compliant", () => {
    const entry = auditKey(
      subject,
      { found: false, code: "AliasNotFound", message: "no key has this alias in the region" },
      BASELINE_POLICY,
      NOW,
    );
    expect(entry.verdict).toBe("non-compliant");
  });

  it("a key that could not be read is an error entry with no verdict and no facts", () => {
    const error = { code: "Timeout", message: "KMS did not answer in 10s" };
    const entry = auditKey(subject, { found: "unknown", error }, BASELINE_POLICY, NOW);
    expect(entry).toMatchObject({ keyId: null, verdict: "error", error, currentVersionAge: null });
    expect(entry.reasons).toEqual([{ code: "KeyUnread", error }]);
  });

  it("a signing key is judged by its active version's age, with publishAhead as slack", () => {
    const signing = {
      key: "alias/s",
      region: "cn-hangzhou",
      declared: { mode: "manual", interval: 90 * DAY },
      signing: { publishAhead: DAY, verifyFor: 7 * DAY },
    } as const;
    const key = observedKey({
      keyId: "k3",
      creationDate: "2026-01-01T00:00:00Z",
      keySpec: "RSA_2048",
      signing: {
        versions: [
          { keyVersionId: "v1", creationDate: "2026-01-01T00:00:00Z" },
          { keyVersionId: "v2", creationDate: "2026-11-30T00:00:00Z" },
        ],
        activeVersion: "v1",
        activeSince: "2026-01-02T00:00:00Z",
      },
    });
    const entry = auditKey(signing, { found: true, key }, BASELINE_POLICY, NOW);
    expect(entry).toMatchObject({
      activeVersion: "v1",
      activeVersionAge: 334 * DAY,
      verdict: "non-compliant",
    });
    expect(entry.reasons.map((r) => ("code" in r ? r.code : r.message))).toEqual(["SigningVersionStale"]);
  });
});

describe("auditReport", () => {
  it("wraps the entries with the clock, the policy and its source, and their summary", () => {
    const key = observedKey({ keyId: "k2", creationDate: "2026-01-01T00:00:00Z" });
    const entries = [auditKey(subject, { found: true, key }, BASELINE_POLICY, NOW)];
    expect(auditReport(entries, BASELINE_POLICY, "baseline", NOW)).toEqual({
      formatVersion: 1,
      now: "2026-12-01T00:00:00Z",
      policy: { ...BASELINE_POLICY, source: "baseline" },
      summary: { keys: 1, compliant: 0, nonCompliant: 1, exempt: 0, notApplicable: 0 },
      keys: entries,
    });
  });
});

describe("auditCountsVersions", () => {
  it("counts a manual key's versions only where CreateKeyVersion applies", () => {
    const rsa = observedKey({ keyId: "k4", creationDate: "2026-01-01T00:00:00Z", keySpec: "RSA_2048" });
    const aes = observedKey({ keyId: "k5", creationDate: "2026-01-01T00:00:00Z" });
    expect(auditCountsVersions({ mode: "manual", interval: 90 * DAY }, rsa)).toBe(true);
    expect(auditCountsVersions({ mode: "manual", interval: 90 * DAY }, aes)).toBe(false);
    expect(auditCountsVersions({ mode: "automatic", interval: 90 * DAY }, rsa)).toBe(false);
  });
});
