// The signing decisions one key at a time: promotion, first adoption, a version held back while one is
// next, and the keys that cannot sign or whose pointer names nothing.

import { describe, expect, it } from "vitest";
import type { DesiredKey, ObservedKey, SigningObservation } from "../../src/model/index.js";
import { planKey, signingLifecycle } from "../../src/plan/index.js";
import { observedKey } from "../helpers/observed.js";

const desired: DesiredKey = {
  key: "alias/signer",
  ref: { kind: "alias", alias: "alias/signer" },
  region: "cn-hangzhou",
  rotation: { mode: "manual", interval: 7 * 86_400 },
  signing: { publishAhead: 86_400, verifyFor: 3 * 86_400 },
};

function key(signing: SigningObservation, over: Partial<ObservedKey> = {}): ObservedKey {
  const newest = signing.versions.at(-1)?.creationDate ?? "2026-01-01T00:00:00Z";
  return observedKey({
    keyId: "key-1",
    creationDate: "2026-01-01T00:00:00Z",
    lastRotationDate: newest,
    keySpec: "RSA_2048",
    keyUsage: "SIGN/VERIFY",
    signing,
    ...over,
  });
}

const v1 = { keyVersionId: "v1", creationDate: "2026-01-01T00:00:00Z" };
const v2 = { keyVersionId: "v2", creationDate: "2026-01-08T00:00:00Z" };
const decide = (k: ObservedKey, at: string) => planKey(desired, { found: true, key: k }, new Date(at));

describe("signing decisions", () => {
  it("promotes the newest version at once on first adoption, with a warning", () => {
    const plan = decide(key({ versions: [v1] }), "2026-01-02T00:00:00Z");
    expect(plan.action).toEqual({ kind: "promote-version", keyVersionId: "v1" });
    expect(plan.warnings).toEqual([{ code: "FirstPromotion", keyVersionId: "v1" }]);
  });

  it("waits publishAhead before promoting a new version, and makes no other meanwhile", () => {
    const k = key({ versions: [v1, v2], activeVersion: "v1", activeSince: "2026-01-02T00:00:00Z" });
    expect(decide(k, "2026-01-08T23:59:59Z").action).toEqual({ kind: "none" });
    // Due for a new version by age (v2 is 8 days old), yet v2 still waits: no version is made.
    expect(decide(k, "2026-01-09T00:00:00Z").action).toEqual({ kind: "promote-version", keyVersionId: "v2" });
  });

  it("makes a new version when the newest is active and interval old", () => {
    const k = key({ versions: [v1, v2], activeVersion: "v2", activeSince: "2026-01-09T00:00:00Z" });
    expect(decide(k, "2026-01-14T23:59:59Z").action.kind).toBe("none");
    expect(decide(k, "2026-01-15T00:00:00Z").action.kind).toBe("create-key-version");
  });

  it("blocks a pointer naming a version the key does not have", () => {
    const k = key({ versions: [v1], activeVersion: "v9", activeSince: "2026-01-02T00:00:00Z" });
    const action = decide(k, "2026-01-03T00:00:00Z").action;
    expect(action.kind === "blocked" && action.reason.code).toBe("ActiveVersionUnknown");
  });

  it("blocks a key that cannot sign, and an algorithm its spec cannot serve", () => {
    const encrypting = key({ versions: [v1] }, { keyUsage: "ENCRYPT/DECRYPT" });
    const a = decide(encrypting, "2026-01-03T00:00:00Z").action;
    expect(a.kind === "blocked" && a.reason.code).toBe("SigningUnsupported");
    const es = planKey(
      { ...desired, signing: { publishAhead: 86_400, verifyFor: 86_400, algorithm: "ES256" } },
      { found: true, key: key({ versions: [v1] }) },
      new Date("2026-01-03T00:00:00Z"),
    ).action;
    expect(es.kind === "blocked" && es.reason.code).toBe("SigningUnsupported");
  });

  it("keeps the replaced version published for verifyFor after it was replaced, then retires it", () => {
    const s = { versions: [v1, v2], activeVersion: "v2", activeSince: "2026-01-09T00:00:00Z" };
    const policy = desired.signing as NonNullable<DesiredKey["signing"]>;
    const before = signingLifecycle(s, policy, Date.parse("2026-01-11T23:59:59Z"));
    const after = signingLifecycle(s, policy, Date.parse("2026-01-12T00:00:00Z"));
    expect(before.ok && before.versions.map((v) => v.state)).toEqual(["previous", "active"]);
    expect(before.ok && before.versions[0]?.publishedUntil).toBe("2026-01-12T00:00:00Z");
    expect(after.ok && after.versions.map((v) => v.state)).toEqual(["retired", "active"]);
  });
});
