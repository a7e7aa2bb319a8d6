import { describe, expect, test } from "vitest";
import {
  createKey,
  createSigningKey,
  DAY,
  describe_,
  expectError,
  fail,
  freezeRealTime,
  ok,
  open,
  versionCount,
} from "./helpers.js";

freezeRealTime();

const enable = (KeyId: string, RotationInterval: string) => ({
  KeyId,
  EnableAutomaticRotation: "true",
  RotationInterval,
});

describe("UpdateRotationPolicy", () => {
  test("enabling sets RotationInterval in seconds and NextRotationDate = LastRotationDate + interval", () => {
    const service = open();
    const keyId = createKey(service);
    service.advanceClock(10 * DAY);
    ok(service.call("UpdateRotationPolicy", enable(keyId, "720h")));
    expect(describe_(service, keyId)).toMatchObject({
      AutomaticRotation: "Enabled",
      RotationInterval: "2592000s",
      LastRotationDate: "2026-01-01T00:00:00Z",
      NextRotationDate: "2026-01-31T00:00:00Z",
    });
  });

  test("enabling when LastRotationDate + interval is already past rotates at once", () => {
    const service = open();
    const keyId = createKey(service);
    service.advanceClock(100 * DAY);
    ok(service.call("UpdateRotationPolicy", enable(keyId, "30d")));
    const meta = describe_(service, keyId);
    expect(meta).toMatchObject({
      LastRotationDate: "2026-04-11T00:00:00Z",
      NextRotationDate: "2026-05-11T00:00:00Z",
    });
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("disabling removes RotationInterval and NextRotationDate, and needs no interval", () => {
    const service = open();
    const keyId = createKey(service, enable("", "30d"));
    ok(service.call("UpdateRotationPolicy", { KeyId: keyId, EnableAutomaticRotation: "false" }));
    const meta = describe_(service, keyId);
    expect(meta.AutomaticRotation).toBe("Disabled");
    expect(meta).not.toHaveProperty("RotationInterval");
    expect(meta).not.toHaveProperty("NextRotationDate");
  });

  test.each(["6d", "731d", "0s", "30", "30w", "1.5d", "-7d"])(
    "RotationInterval %s is refused with InvalidParameter naming RotationInterval",
    (interval) => {
      const service = open();
      const error = fail(service.call("UpdateRotationPolicy", enable(createKey(service), interval)));
      expect(error).toMatchObject({
        status: 400,
        code: "InvalidParameter",
        message: "The specified parameter RotationInterval is not valid.",
      });
    },
  );

  test.each(["7d", "604800s", "730d", "10080m", "17520h"])("RotationInterval %s is accepted", (interval) => {
    const service = open();
    ok(service.call("UpdateRotationPolicy", enable(createKey(service), interval)));
  });

  test("enabling without RotationInterval is MissingParameter", () => {
    const service = open();
    const outcome = service.call("UpdateRotationPolicy", {
      KeyId: createKey(service),
      EnableAutomaticRotation: "true",
    });
    expectError(outcome, 400, "MissingParameter");
  });

  test("EnableAutomaticRotation must be true or false", () => {
    const service = open();
    const keyId = createKey(service);
    expectError(service.call("UpdateRotationPolicy", { KeyId: keyId }), 400, "MissingParameter");
    const outcome = service.call("UpdateRotationPolicy", { KeyId: keyId, EnableAutomaticRotation: "yes" });
    expectError(outcome, 400, "InvalidParameter");
  });

  test("asymmetric keys are refused with Rejected.UnsupportedOperation", () => {
    const service = open();
    expectError(
      service.call("UpdateRotationPolicy", enable(createSigningKey(service), "30d")),
      400,
      "Rejected.UnsupportedOperation",
    );
  });

  test("an unknown key is 404 Forbidden.KeyNotFound", () => {
    expectError(open().call("UpdateRotationPolicy", enable("missing", "30d")), 404, "Forbidden.KeyNotFound");
  });
});

describe("CreateKeyVersion", () => {
  test("a new version becomes primary and moves LastRotationDate to its creation", () => {
    const service = open();
    const keyId = createSigningKey(service);
    service.advanceClock(7 * DAY);
    const version = ok(service.call("CreateKeyVersion", { KeyId: keyId })).KeyVersion;
    expect(version).toMatchObject({ KeyId: keyId, CreationDate: "2026-01-08T00:00:00Z" });
    expect(describe_(service, keyId)).toMatchObject({
      PrimaryKeyVersion: version.KeyVersionId,
      LastRotationDate: "2026-01-08T00:00:00Z",
    });
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("CreateKeyVersion within 7 days of the last version is refused with Rejected.UnsupportedOperation", () => {
    const service = open();
    const keyId = createSigningKey(service);
    service.advanceClock(7 * DAY - 1);
    const error = fail(service.call("CreateKeyVersion", { KeyId: keyId }));
    expect(error).toMatchObject({ status: 400, code: "Rejected.UnsupportedOperation" });
    expect(error.message).toMatch(/7 days/);
    expect(versionCount(service, keyId)).toBe(1);
  });

  test("a symmetric key is refused with Rejected.UnsupportedOperation", () => {
    const service = open();
    const keyId = createKey(service);
    service.advanceClock(30 * DAY);
    expectError(service.call("CreateKeyVersion", { KeyId: keyId }), 400, "Rejected.UnsupportedOperation");
  });

  test("an asymmetric key in a KMS instance is refused with Rejected.UnsupportedOperation", () => {
    const service = open({ instances: { "kst-1": "software" } });
    const keyId = createSigningKey(service, { DKMSInstanceId: "kst-1" });
    service.advanceClock(30 * DAY);
    expectError(service.call("CreateKeyVersion", { KeyId: keyId }), 400, "Rejected.UnsupportedOperation");
  });

  test("the 50th version is the last: the 50th CreateKeyVersion is Rejected.LimitExceeded", () => {
    const service = open();
    const keyId = createSigningKey(service);
    for (let i = 0; i < 49; i++) {
      service.advanceClock(7 * DAY);
      ok(service.call("CreateKeyVersion", { KeyId: keyId }));
    }
    service.advanceClock(7 * DAY);
    expectError(service.call("CreateKeyVersion", { KeyId: keyId }), 400, "Rejected.LimitExceeded");
    expect(versionCount(service, keyId)).toBe(50);
  });
});

describe("the simulated clock and automatic rotation", () => {
  test("now() starts at the clock option and moves when set or advanced", () => {
    const service = open();
    expect(service.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    service.advanceClock(90);
    expect(service.now().toISOString()).toBe("2026-01-01T00:01:30.000Z");
    service.setClock(new Date("2027-05-05T00:00:00Z"));
    expect(service.now().toISOString()).toBe("2027-05-05T00:00:00.000Z");
  });

  test("one version per interval passed, each dated at its due time, over three simulated years", () => {
    const service = open();
    const keyId = createKey(service, enable("", "90d"));
    service.advanceClock(3 * 365 * DAY);
    const versions = ok(service.call("ListKeyVersions", { KeyId: keyId, PageSize: "100" }));
    expect(versions.TotalCount).toBe(1 + Math.floor((3 * 365) / 90));
    // Newest first, as the service lists them.
    const dates = versions.KeyVersions.KeyVersion.map((v: { CreationDate: string }) =>
      Date.parse(v.CreationDate),
    ).reverse();
    for (const [i, date] of dates.entries())
      expect(date).toBe(Date.parse("2026-01-01T00:00:00Z") + i * 90 * DAY * 1000);
    const meta = describe_(service, keyId);
    const newest = versions.KeyVersions.KeyVersion[0];
    expect(meta.PrimaryKeyVersion).toBe(newest.KeyVersionId);
    expect(meta.LastRotationDate).toBe(newest.CreationDate);
    expect(Date.parse(meta.NextRotationDate)).toBe(Date.parse(newest.CreationDate) + 90 * DAY * 1000);
  });

  test("a rotation happens exactly when the clock reaches NextRotationDate", () => {
    const service = open();
    const keyId = createKey(service, enable("", "7d"));
    service.advanceClock(7 * DAY - 1);
    expect(versionCount(service, keyId)).toBe(1);
    service.advanceClock(1);
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("rotation is Suspended while the key is Disabled, and resumes with the same policy when Enabled", () => {
    const service = open();
    const keyId = createKey(service, enable("", "30d"));
    ok(service.call("DisableKey", { KeyId: keyId }));
    expect(describe_(service, keyId)).toMatchObject({
      AutomaticRotation: "Suspended",
      RotationInterval: "2592000s",
    });
    service.advanceClock(100 * DAY);
    expect(versionCount(service, keyId)).toBe(1);
    ok(service.call("EnableKey", { KeyId: keyId }));
    // Overdue at resume: one rotation at once, then the cadence starts again from it.
    expect(describe_(service, keyId)).toMatchObject({
      AutomaticRotation: "Enabled",
      RotationInterval: "2592000s",
      LastRotationDate: "2026-04-11T00:00:00Z",
      NextRotationDate: "2026-05-11T00:00:00Z",
    });
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("rotation is Suspended while the key is PendingDeletion and resumes on CancelKeyDeletion", () => {
    const service = open();
    const keyId = createKey(service, enable("", "30d"));
    ok(service.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "60" }));
    expect(describe_(service, keyId).AutomaticRotation).toBe("Suspended");
    service.advanceClock(40 * DAY);
    expect(versionCount(service, keyId)).toBe(1);
    ok(service.call("CancelKeyDeletion", { KeyId: keyId }));
    expect(describe_(service, keyId).AutomaticRotation).toBe("Enabled");
    expect(versionCount(service, keyId)).toBe(2);
  });

  test("advancing the clock past many due dates of 2,000 keys stays fast, and idle calls cost nothing", () => {
    const service = open();
    for (let i = 0; i < 2000; i++) createKey(service, enable("", `${7 + (i % 50)}d`));
    const started = performance.now();
    service.advanceClock(365 * DAY);
    for (let i = 0; i < 2000; i++) service.call("ListAliases", {});
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
