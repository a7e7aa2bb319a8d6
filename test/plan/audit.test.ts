// The audit's verdicts as the pure planner gives them: the key, what KMS showed, the policy and the clock
// in, a verdict with its reasons out. No emulator: plan/audit.ts does no I/O.

import { describe, expect, it } from "vitest";
import { BASELINE_POLICY, DAY } from "../../src/model/index.js";
import { auditKey } from "../../src/plan/audit.js";
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
});
