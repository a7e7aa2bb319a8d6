// The audit verdict from a key's facts, each branch of plan/audit-verdict.ts by name: keys that cannot
// rotate or are not in use, keys rotating (automatically, by hand, young), stalls, breaches and exceptions.

import { describe, expect, it } from "vitest";
import { BASELINE_POLICY, DAY } from "../../src/model/index.js";
import { judge } from "../../src/plan/audit-verdict.js";
import { observedKey } from "../helpers/observed.js";

const NOW = new Date("2026-12-01T00:00:00Z");
const base = { key: "alias/a", region: "cn-hangzhou" } as const;
const manual = { ...base, declared: { mode: "manual", interval: 90 * DAY } } as const;
const symmetric = observedKey({ keyId: "k-sym", creationDate: "2026-01-01T00:00:00Z" });
const asymmetric = observedKey({ keyId: "k-rsa", creationDate: "2026-01-01T00:00:00Z", keySpec: "RSA_2048" });
const codes = (reasons: readonly object[]) => reasons.map((r) => ("code" in r ? r.code : "message"));

describe("judge", () => {
  it("a key that can rotate neither way is not applicable, whatever the policy", () => {
    const byok = observedKey({ keyId: "k-byok", creationDate: "2026-01-01T00:00:00Z", origin: "EXTERNAL" });
    const verdict = judge(manual, byok, BASELINE_POLICY, NOW, null);
    expect(verdict).toEqual({
      verdict: "not-applicable",
      reasons: [{ code: "CannotRotate", reason: { code: "AutomaticRotationUnsupported", keyKind: "byok" } }],
    });
  });

  it("a key not enabled is not in use, so not applicable", () => {
    const disabled = { ...symmetric, keyState: "Disabled" };
    expect(judge(base, disabled, BASELINE_POLICY, NOW, 10)).toEqual({
      verdict: "not-applicable",
      reasons: [{ code: "NotInUse", state: "Disabled" }],
    });
  });

  it("automatic rotation within maxInterval rotates; past it breaks maxInterval", () => {
    const every = (days: number) =>
      ({ ...symmetric, automaticRotation: "Enabled", rotationInterval: days * DAY }) as const;
    expect(judge(base, every(90), BASELINE_POLICY, NOW, 10).reasons).toEqual([
      { code: "Rotates", rotation: { how: "automatic", interval: 90 * DAY } },
    ]);
    const long = judge(base, every(400), BASELINE_POLICY, NOW, 10);
    expect(long.verdict).toBe("non-compliant");
    expect(long.reasons).toEqual([
      {
        code: "BreaksMaxInterval",
        rotation: { how: "automatic", interval: 400 * DAY },
        maxInterval: 365 * DAY,
      },
    ]);
  });

  it("a manual key whose current version is younger than its interval rotates by hand", () => {
    expect(judge(manual, asymmetric, BASELINE_POLICY, NOW, 30 * DAY).reasons).toEqual([
      { code: "Rotates", rotation: { how: "manual", interval: 90 * DAY, age: 30 * DAY } },
    ]);
  });

  it("a manual key past its interval is overdue, with the cap when no version can be made", () => {
    const overdue = judge(manual, asymmetric, BASELINE_POLICY, NOW, 100 * DAY);
    expect(overdue.reasons).toEqual([
      { code: "BreaksRequireRotation", stall: { why: "overdue", interval: 90 * DAY, age: 100 * DAY } },
    ]);
    const full = { ...asymmetric, versionCount: 50 };
    expect(judge(manual, full, BASELINE_POLICY, NOW, 100 * DAY).reasons).toEqual([
      {
        code: "BreaksRequireRotation",
        stall: { why: "overdue", interval: 90 * DAY, age: 100 * DAY, cap: { versionCount: 50, cap: 50 } },
      },
    ]);
  });

  it("an undeclared key is judged by its current version's age against maxInterval", () => {
    expect(judge(base, asymmetric, BASELINE_POLICY, NOW, 30 * DAY).reasons).toEqual([
      { code: "Rotates", rotation: { how: "young", age: 30 * DAY, maxInterval: 365 * DAY } },
    ]);
    expect(judge(base, asymmetric, BASELINE_POLICY, NOW, 400 * DAY).reasons).toEqual([
      { code: "BreaksRequireRotation", stall: { why: "undeclared", age: 400 * DAY } },
    ]);
  });

  it("each stall: automatic off, declared without versions; not required, it is compliant", () => {
    const declaredOff = { ...base, declared: { mode: "off" } } as const;
    expect(codes(judge(base, symmetric, BASELINE_POLICY, NOW, 10).reasons)).toEqual([
      "BreaksRequireRotation",
    ]);
    expect(judge(base, symmetric, BASELINE_POLICY, NOW, 10).reasons[0]).toMatchObject({
      stall: { why: "automatic-disabled" },
    });
    expect(judge(declaredOff, asymmetric, BASELINE_POLICY, NOW, 400 * DAY).reasons[0]).toMatchObject({
      stall: { why: "declared-without-versions", mode: "off" },
    });
    const lenient = { requireRotation: false };
    expect(judge(base, symmetric, lenient, NOW, 10)).toEqual({
      verdict: "compliant",
      reasons: [{ code: "RotationNotRequired", stall: { why: "automatic-disabled" } }],
    });
  });

  it("a live exception exempts a breach; an expired one is said after the breach", () => {
    const live = { ...base, exception: { reason: "vendor", expires: "2099-01-01" } };
    expect(judge(live, symmetric, BASELINE_POLICY, NOW, 10)).toMatchObject({
      verdict: "exempt",
      reasons: [
        { code: "BreaksRequireRotation" },
        { code: "Exempt", expires: "2099-01-01", reason: "vendor" },
      ],
    });
    const expired = { ...base, exception: { reason: "vendor", expires: "2026-06-01" } };
    expect(judge(expired, symmetric, BASELINE_POLICY, NOW, 10)).toMatchObject({
      verdict: "non-compliant",
      reasons: [{ code: "BreaksRequireRotation" }, { code: "ExceptionExpired", expires: "2026-06-01" }],
    });
  });

  it("a signing key's stale active version says it all; a fresh one rotates by hand", () => {
    const signing = { ...manual, signing: { publishAhead: DAY, verifyFor: 7 * DAY } };
    const limit = 91 * DAY;
    const stale = { activeVersion: "v1", activeVersionAge: 95 * DAY };
    expect(judge(signing, asymmetric, BASELINE_POLICY, NOW, 95 * DAY, DAY, stale)).toEqual({
      verdict: "non-compliant",
      reasons: [{ code: "SigningVersionStale", keyVersionId: "v1", age: 95 * DAY, limit }],
    });
    const none = { activeVersion: null, activeVersionAge: null };
    expect(judge(signing, asymmetric, BASELINE_POLICY, NOW, null, DAY, none).reasons).toEqual([
      { code: "SigningVersionStale", keyVersionId: null, age: null, limit },
    ]);
    const fresh = { activeVersion: "v2", activeVersionAge: 10 * DAY };
    expect(judge(signing, asymmetric, BASELINE_POLICY, NOW, 10 * DAY, DAY, fresh).reasons).toEqual([
      { code: "Rotates", rotation: { how: "manual", interval: 90 * DAY, age: 10 * DAY, active: true } },
    ]);
  });
});
