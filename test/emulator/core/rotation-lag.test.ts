// `--rotation-lag`: automatic rotations happen that long after the clock passes NextRotationDate, never
// inside the call that made them due, and a call while one is waiting neither adds one nor puts it off.

import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createKey, DAY, describe_, freezeRealTime, ok, open, tempDir, versionCount } from "./helpers.js";

freezeRealTime();

const enable = (KeyId: string, RotationInterval: string) => ({
  KeyId,
  EnableAutomaticRotation: "true",
  RotationInterval,
});

describe("rotation lag", () => {
  test("a rotation falling due happens the lag later, dated then; the next is due an interval after it", () => {
    const service = open({ rotationLagSeconds: 2 * DAY });
    const keyId = createKey(service, { EnableAutomaticRotation: "true", RotationInterval: "30d" });
    service.advanceClock(31 * DAY);
    expect(describe_(service, keyId)).toMatchObject({
      LastRotationDate: "2026-01-01T00:00:00Z",
      NextRotationDate: "2026-01-31T00:00:00Z",
    });
    expect(versionCount(service, keyId)).toBe(1);
    service.advanceClock(DAY);
    expect(describe_(service, keyId)).toMatchObject({
      LastRotationDate: "2026-02-02T00:00:00Z",
      NextRotationDate: "2026-03-04T00:00:00Z",
    });
    service.advanceClock(63 * DAY);
    // Now 04-06. Due 03-04, happened 03-06; due 04-05, happens 04-07: not yet.
    expect(versionCount(service, keyId)).toBe(3);
    service.advanceClock(DAY);
    expect(versionCount(service, keyId)).toBe(4);
  });

  test("enabling rotation on an overdue key does not rotate inside the call; calling again does not defer it", () => {
    const service = open({ rotationLagSeconds: DAY });
    const keyId = createKey(service);
    service.advanceClock(400 * DAY);
    ok(service.call("UpdateRotationPolicy", enable(keyId, "90d")));
    expect(versionCount(service, keyId)).toBe(1);
    expect(describe_(service, keyId)).toMatchObject({
      AutomaticRotation: "Enabled",
      LastRotationDate: "2026-01-01T00:00:00Z",
      NextRotationDate: "2026-04-01T00:00:00Z",
    });
    service.advanceClock(DAY / 2);
    ok(service.call("UpdateRotationPolicy", enable(keyId, "90d")));
    service.advanceClock(DAY / 2);
    expect(versionCount(service, keyId)).toBe(2);
    expect(describe_(service, keyId).LastRotationDate).toBe("2027-02-06T00:00:00Z");
    service.advanceClock(10 * DAY);
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("turning rotation off or disabling the key while a rotation waits cancels it", () => {
    const service = open({ rotationLagSeconds: DAY });
    const off = createKey(service);
    const disabled = createKey(service);
    service.advanceClock(400 * DAY);
    for (const keyId of [off, disabled]) ok(service.call("UpdateRotationPolicy", enable(keyId, "90d")));
    ok(service.call("UpdateRotationPolicy", { KeyId: off, EnableAutomaticRotation: "false" }));
    ok(service.call("DisableKey", { KeyId: disabled }));
    service.advanceClock(2 * DAY);
    expect([versionCount(service, off), versionCount(service, disabled)]).toEqual([1, 1]);
    ok(service.call("EnableKey", { KeyId: disabled }));
    expect(versionCount(service, disabled)).toBe(1);
    service.advanceClock(DAY);
    expect(versionCount(service, disabled)).toBe(2);
  });

  test("a waiting rotation survives a restart on the same state", () => {
    const statePath = join(tempDir(), "state.json");
    const first = open({ statePath, rotationLagSeconds: DAY });
    const keyId = createKey(first);
    first.advanceClock(400 * DAY);
    ok(first.call("UpdateRotationPolicy", enable(keyId, "90d")));
    first.close();
    const second = open({ statePath, clock: undefined, rotationLagSeconds: DAY });
    expect(versionCount(second, keyId)).toBe(1);
    second.advanceClock(DAY);
    expect(versionCount(second, keyId)).toBe(2);
    second.close();
  });

  test("without a lag the overdue rotation happens inside the call, as before", () => {
    const service = open();
    const keyId = createKey(service);
    service.advanceClock(400 * DAY);
    ok(service.call("UpdateRotationPolicy", enable(keyId, "90d")));
    expect(versionCount(service, keyId)).toBe(2);
  });
});
