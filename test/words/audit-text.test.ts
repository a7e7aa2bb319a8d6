// Audit's words per reason code, and the age rule (whole days, floored, singular only for one).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AuditReason, DAY } from "../../src/model/index.js";
import { auditReasonText } from "../../src/words/audit-text.js";

describe("audit reasons: one sentence per code", () => {
  it.each<[AuditReason, string]>([
    [
      {
        code: "KeyMissing",
        missing: { code: "AliasNotFound", message: "no key has this alias in the region" },
      },
      "AliasNotFound: no key has this alias in the region",
    ],
    [
      { code: "KeyUnread", error: { code: "Timeout", message: "no answer" } },
      "could not be read: Timeout: no answer",
    ],
    [
      { code: "CannotRotate", reason: { code: "AutomaticRotationUnsupported", keyKind: "byok" } },
      "the key cannot rotate: automatic rotation is not available for a BYOK key (Origin EXTERNAL): import new key material instead",
    ],
    [
      { code: "NotInUse", state: "Disabled" },
      "the key is Disabled: unusable, so not judged (its rotation resumes when it is enabled)",
    ],
    [
      { code: "NotInUse", state: "PendingDeletion" },
      "the key is scheduled for deletion: unusable, so not judged",
    ],
    [
      { code: "NotInUse", state: "PendingImport" },
      "the key is waiting for its key material (PendingImport): unusable, so not judged",
    ],
    [{ code: "NotInUse", state: "Archived" }, "the key is Archived: unusable, so not judged"],
    [
      { code: "Rotates", rotation: { how: "automatic", interval: 90 * DAY } },
      "rotates automatically every 90d",
    ],
    [
      { code: "Rotates", rotation: { how: "manual", interval: 90 * DAY, age: DAY } },
      "rotates manually every 90d; the current version is 1 day old",
    ],
    [
      { code: "Rotates", rotation: { how: "young", age: 30 * DAY + 5, maxInterval: 365 * DAY } },
      "the current version is 30 days old, younger than policy.maxInterval 365d",
    ],
    [
      { code: "RotationNotRequired", stall: { why: "automatic-disabled" } },
      "automatic rotation is Disabled in KMS; the policy does not require rotation",
    ],
    [
      { code: "BreaksRequireRotation", stall: { why: "overdue", interval: 7 * DAY, age: 8 * DAY } },
      "breaks policy.requireRotation: the current version is 8 days old, older than its manual interval 7d: a new version is overdue (run apply)",
    ],
    [
      {
        code: "BreaksRequireRotation",
        stall: { why: "overdue", interval: 90 * DAY, age: 100 * DAY, cap: { versionCount: 50, cap: 50 } },
      },
      "breaks policy.requireRotation: the current version is 100 days old, older than its manual interval 90d, and the key has 50 versions, the service's maximum of 50: no new version can be made (plan blocks it as VersionCapReached); rotate by moving to a new key",
    ],
    [
      { code: "BreaksRequireRotation", stall: { why: "declared-without-versions", mode: "automatic" } },
      "breaks policy.requireRotation: the key does not rotate (declared automatic: no new versions are made)",
    ],
    [
      { code: "BreaksRequireRotation", stall: { why: "undeclared", age: null } },
      "breaks policy.requireRotation: the key does not rotate (no manual rotation is declared for it and its current version is of unknown age)",
    ],
    [
      {
        code: "BreaksMaxInterval",
        rotation: { how: "automatic", interval: 700 * DAY },
        maxInterval: 365 * DAY,
      },
      "rotates automatically every 700d, less often than policy.maxInterval 365d",
    ],
    [
      { code: "Exempt", expires: "2099-01-01", reason: "vendor; ticket SEC-1" },
      "exception until 2099-01-01: vendor; ticket SEC-1",
    ],
    [{ code: "ExceptionExpired", expires: "2020-01-01" }, "the exception expired on 2020-01-01"],
    [{ message: "as a saved report said it" }, "as a saved report said it"],
  ])("%j", (reason, text) => {
    expect(auditReasonText(reason)).toBe(text);
  });

  it("an age is whole days, floored, and singular only for one", () => {
    // Whole days plus any seconds, one day as often as the rest: uniform seconds are a day old once in 10,000.
    const age = fc
      .tuple(
        fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 10_000 })),
        fc.integer({ min: 0, max: DAY - 1 }),
      )
      .map(([days, seconds]) => days * DAY + seconds);
    const seen = { singular: 0, plural: 0 };
    fc.assert(
      fc.property(age, (age) => {
        const text = auditReasonText({ code: "Rotates", rotation: { how: "young", age, maxInterval: DAY } });
        const days = Math.floor(age / DAY);
        seen[days === 1 ? "singular" : "plural"]++;
        expect(text).toContain(`is ${days} ${days === 1 ? "day" : "days"} old,`);
      }),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});
