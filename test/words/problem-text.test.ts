// The words for each problem code: today's sentences, pinned per code, and the rules that hold for any
// parameters (intervals written back as the same length, plurals, words from a file given back as found).

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BlockedReason,
  DAY,
  formatDuration,
  type KeyKind,
  type PlannedWarning,
  parseDuration,
} from "../../src/model/index.js";
import {
  driftReasonText,
  ownerMismatchError,
  policyProblem,
  reasonText,
  warningText,
} from "../../src/words/problem-text.js";

const INSTANCE_RULE =
  "in a KMS instance only symmetric keys of a software instance rotate (automatically every 7d to 365d, or by CreateKeyVersion)";

describe("blocked reasons: one sentence per code", () => {
  it.each<[BlockedReason, string]>([
    [{ code: "KeyDisabled" }, "the key is Disabled: enable it to change its rotation"],
    [
      { code: "KeyPendingDeletion", deleteDate: "2026-11-30T00:00:00Z" },
      "the key is scheduled for deletion on 2026-11-30T00:00:00Z: cancel the deletion to change its rotation",
    ],
    [
      { code: "KeyPendingDeletion" },
      "the key is scheduled for deletion: cancel the deletion to change its rotation",
    ],
    [
      { code: "KeyUnavailable", state: "PendingImport" },
      "the key is waiting for its key material to be imported (PendingImport)",
    ],
    [{ code: "KeyUnavailable", state: "Archived" }, "the key is Archived"],
    [
      {
        code: "AutomaticRotationUnsupported",
        interval: 500 * DAY,
        min: 7 * DAY,
        max: 365 * DAY,
        scope: "instance",
      },
      "interval 500d is outside 7d to 365d for a key in a KMS instance",
    ],
    [
      {
        code: "AutomaticRotationUnsupported",
        interval: 731 * DAY,
        min: 7 * DAY,
        max: 730 * DAY,
        scope: "shared",
      },
      "interval 731d is outside 7d to 730d for a key outside a KMS instance",
    ],
    [
      { code: "VersionCapReached", versionCount: 50, cap: 50 },
      "the key has 50 versions, the service's maximum of 50: no new version can be made",
    ],
  ])("%j", (reason, text) => {
    expect(reasonText(reason)).toBe(text);
  });

  it.each<[KeyKind, string]>([
    ["service-managed", "a service-managed key (the service that owns it rotates it)"],
    ["byok", "a BYOK key (Origin EXTERNAL): import new key material instead"],
    ["hsm-instance", `a key in an HSM KMS instance (ProtectionLevel HSM): ${INSTANCE_RULE}`],
    ["asymmetric-instance", `an asymmetric key in a KMS instance: ${INSTANCE_RULE}`],
    [
      "symmetric-shared",
      "a symmetric key outside a KMS instance: use mode automatic (only keys in a software KMS instance take CreateKeyVersion)",
    ],
    ["asymmetric", "an asymmetric key: use mode manual"],
  ])("a %s key, refused either way", (keyKind, why) => {
    expect(reasonText({ code: "AutomaticRotationUnsupported", keyKind })).toBe(
      `automatic rotation is not available for ${why}`,
    );
    expect(reasonText({ code: "ManualRotationUnsupported", keyKind })).toBe(
      `manual rotation (CreateKeyVersion) is not available for ${why}`,
    );
  });

  it("any interval outside a range reads as the planner used to write it, and parses back to its seconds", () => {
    // Whole days, hours or minutes as often as odd seconds: uniform seconds almost never are.
    const seconds = fc
      .tuple(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(1, 60, 3600, DAY))
      .map(([n, unit]) => n * unit);
    const units = new Set<string>();
    fc.assert(
      fc.property(
        seconds,
        seconds,
        seconds,
        fc.constantFrom("instance", "shared"),
        (interval, min, max, scope) => {
          const text = reasonText({ code: "AutomaticRotationUnsupported", interval, min, max, scope });
          // The sentence plan-key.ts built before reasons were data.
          const where =
            scope === "instance" ? "for a key in a KMS instance" : "for a key outside a KMS instance";
          const before = `interval ${formatDuration(interval)} is outside ${formatDuration(min)} to ${formatDuration(max)} ${where}`;
          expect(text).toBe(before);
          const [, said, from, to] = /^interval (\S+) is outside (\S+) to (\S+) /.exec(text) ?? [];
          expect([said, from, to].map((t) => parseDuration(t ?? ""))).toEqual([interval, min, max]);
          for (const t of [said, from, to]) units.add(t?.slice(-1) ?? "");
        },
      ),
    );
    expect([...units].sort()).toEqual(["d", "h", "m", "s"]);
  });

  it("words read from a file or given by KMS are given back as they are", () => {
    fc.assert(
      fc.property(fc.string(), (message) => {
        expect(reasonText({ code: "KeyDisabled", message })).toBe(message);
        expect(warningText({ message })).toBe(message);
        expect(driftReasonText({ code: "Whatever", message })).toBe(message);
      }),
    );
  });
});

describe("warnings", () => {
  it.each<[PlannedWarning, string]>([
    [
      { code: "RotationSuspended", state: "Disabled" },
      "automatic rotation is Suspended while the key is Disabled; it resumes when the key is Enabled",
    ],
    [
      { code: "VersionCapHeld", versionCount: 50, cap: 50 },
      "the key has 50 versions, the maximum of 50: it cannot be rotated again",
    ],
    [
      { code: "VersionCapNear", versionCount: 46, cap: 50, interval: 7 * DAY, capAt: "2026-12-14T00:00:00Z" },
      "the key has 46 of 50 versions and, rotating every 7d, will reach the cap within a year, on 2026-12-14 (4 more versions)",
    ],
    [
      {
        code: "VersionCapNear",
        versionCount: 49,
        cap: 50,
        interval: 300 * 3600,
        capAt: "2026-11-23T00:00:00Z",
      },
      "the key has 49 of 50 versions and, rotating every 300h, will reach the cap within a year, on 2026-11-23 (1 more version)",
    ],
    [
      { code: "AutomaticTurnedOff", interval: 30 * DAY, due: false },
      "automatic rotation (every 30d) is turned off: mode manual rotates by CreateKeyVersion",
    ],
    [
      { code: "AutomaticTurnedOff", interval: 365 * DAY, due: true },
      "automatic rotation (every 365d) is turned off: mode manual rotates by CreateKeyVersion; a new version is due too, and apply of the config makes it right after (apply of a saved plan leaves it to the next plan)",
    ],
  ])("%j", (warning, text) => {
    expect(warningText(warning)).toBe(text);
  });

  it("the versions left are counted, singular only for one, and the interval parses back", () => {
    // One version left is one count in fifty: drawn on its own too, so the singular is always reached.
    const seen = { singular: 0, plural: 0 };
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(49), fc.integer({ min: 0, max: 49 })),
        fc.integer({ min: 1, max: 3650 * DAY }),
        (count, interval) => {
          const text = warningText({
            code: "VersionCapNear",
            versionCount: count,
            cap: 50,
            interval,
            capAt: "2027-01-02T03:04:05Z",
          });
          const left = 50 - count;
          seen[left === 1 ? "singular" : "plural"]++;
          expect(text).toContain(`, on 2027-01-02 (${left} more ${left === 1 ? "version)" : "versions)"}`);
          expect(parseDuration(/rotating every (\S+),/.exec(text)?.[1] ?? "")).toBe(interval);
        },
      ),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });
});

describe("drift reasons and policy problems", () => {
  it("a due version names when the current one was made, when known", () => {
    expect(driftReasonText({ code: "RotationDue", lastRotationDate: "2025-07-11T00:00:00Z" })).toBe(
      "a new version is due: the current one was made 2025-07-11T00:00:00Z",
    );
    expect(driftReasonText({ code: "RotationDue" })).toBe("a new version is due");
    expect(driftReasonText({ code: "KeyDisabled" })).toBe(reasonText({ code: "KeyDisabled" }));
  });

  it("policy breaches name the key and keep their place in the file", () => {
    const position = { file: "kms.yaml", line: 3, column: 9 };
    expect(
      policyProblem({
        key: "alias/a",
        breach: { code: "IntervalOverMax", interval: 700 * DAY, maxInterval: 180 * DAY },
        position,
      }),
    ).toEqual({
      rule: "IntervalOverMax",
      key: "alias/a",
      message:
        "alias/a: interval 700d is longer than policy.maxInterval 180d: rotate at least every 180d, or add an exception",
      position,
    });
    expect(policyProblem({ key: "alias/b", breach: { code: "RotationOff" } }).message).toBe(
      "alias/b: rotation is off, but policy.requireRotation needs every key that can rotate to rotate: choose automatic or manual, or add an exception",
    );
    expect(
      policyProblem({
        key: "alias/c",
        breach: { code: "ExceptionExpired", expires: "2020-01-01", today: "2026-11-23" },
      }).message,
    ).toBe(
      "alias/c: exception expired on 2020-01-01 (today is 2026-11-23, UTC): renew it with a later date, or remove it",
    );
  });
});

describe("a key of another account or region", () => {
  it("is a read error naming both sides and the key's ARN", () => {
    const arn = "acs:kms:cn-shanghai:2222222222222222:key/key-1";
    expect(
      ownerMismatchError({
        code: "AccountMismatch",
        declared: "1111111111111111",
        reached: "2222222222222222",
        arn,
      }),
    ).toEqual({
      code: "AccountMismatch",
      message: `declared in account 1111111111111111, but the credentials and endpoint for that account reached account 2222222222222222 (${arn}); not read, nothing written`,
    });
    expect(
      ownerMismatchError({ code: "RegionMismatch", declared: "cn-hangzhou", reached: "cn-shanghai", arn }),
    ).toEqual({
      code: "RegionMismatch",
      message: `declared in region cn-hangzhou, but the endpoint for that region is in cn-shanghai (${arn}); not read, nothing written`,
    });
  });
});
