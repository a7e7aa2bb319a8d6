// The forecast's arithmetic, pure: rotations in order, the cap where the count reaches 50, and a bound
// on how much it will list.

import { describe, expect, it } from "vitest";
import { DAY, type Observation, type ObservedKey } from "../../src/model/index.js";
import { forecast } from "../../src/plan/index.js";
import { observedKey } from "../helpers/observed.js";

const NOW = new Date("2027-01-01T00:00:00Z");
const days = (n: number) => new Date(NOW.getTime() + n * DAY * 1000);
const iso = (d: Date) => d.toISOString().replace(".000", "");

function key(over: Partial<ObservedKey>): Observation {
  return {
    found: true,
    key: observedKey({
      keyId: "k",
      arn: "acs:kms:cn-hangzhou:1:key/k",
      creationDate: iso(days(-10)),
      ...over,
    }),
  };
}

describe("forecast", () => {
  it("an automatic key from NextRotationDate, then every interval, up to the horizon", () => {
    const auto = key({
      automaticRotation: "Enabled",
      rotationInterval: 100 * DAY,
      nextRotationDate: iso(days(30)),
    });
    const result = forecast([{ key: "a", region: "cn-hangzhou" }], [auto], NOW, days(365));
    if (!result.ok) throw new Error("refused");
    expect(result.forecast.rotations.map((r) => r.at)).toEqual([30, 130, 230, 330].map((d) => iso(days(d))));
  });

  it("a manual key: the first when due (now if overdue), then every interval, stopping at 50 versions", () => {
    const signer = key({ keySpec: "EC_P256", lastRotationDate: iso(days(-40)), versionCount: 47 });
    const subject = {
      key: "s",
      region: "cn-hangzhou",
      declared: { mode: "manual" as const, interval: 30 * DAY },
    };
    const result = forecast([subject], [signer], NOW, days(365));
    if (!result.ok) throw new Error("refused");
    expect(result.forecast.rotations.map((r) => r.at)).toEqual([0, 30, 60].map((d) => iso(days(d))));
    expect(result.forecast.capReached).toEqual([
      { key: "s", keyId: "k", region: "cn-hangzhou", at: iso(days(60)) },
    ]);
  });

  it("a key in a software KMS instance declared manual rotates as apply makes it, not as KMS would", () => {
    const instanceKey = key({
      dkmsInstanceId: "kst-soft-1",
      automaticRotation: "Enabled",
      rotationInterval: 10 * DAY,
      nextRotationDate: iso(days(5)),
      lastRotationDate: iso(days(-5)),
    });
    const subject = {
      key: "i",
      region: "cn-hangzhou",
      declared: { mode: "manual" as const, interval: 100 * DAY },
    };
    const result = forecast([subject], [instanceKey], NOW, days(365));
    if (!result.ok) throw new Error("refused");
    expect(result.forecast.rotations.map((r) => [r.at, r.kind])).toEqual(
      [95, 195, 295].map((d) => [iso(days(d)), "manual"]),
    );
  });

  it("keys that will not rotate (off, missing, disabled, unread) have nothing forecast", () => {
    const subjects = ["off", "missing", "disabled", "unread"].map((k) => ({ key: k, region: "cn-hangzhou" }));
    const observations: Observation[] = [
      key({}),
      { found: false, code: "KeyNotFound", message: "no such key" },
      key({
        keyState: "Disabled",
        automaticRotation: "Suspended",
        rotationInterval: DAY * 30,
        nextRotationDate: iso(days(1)),
      }),
      { found: "unknown", error: { code: "InternalFailure", message: "boom" } },
    ];
    const result = forecast(subjects, observations, NOW, days(365));
    expect(result).toMatchObject({ ok: true, forecast: { rotations: [], capReached: [] } });
  });

  it("refuses, before listing anything, a forecast past its bound", () => {
    const weekly = key({
      automaticRotation: "Enabled",
      rotationInterval: 7 * DAY,
      nextRotationDate: iso(days(7)),
    });
    const fleet = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, region: "cn-hangzhou" }));
    const result = forecast(
      fleet,
      fleet.map(() => weekly),
      NOW,
      days(3650),
      1000,
    );
    expect(result).toEqual({ ok: false, count: 5210, limit: 1000 });
  });
});
