import { describe, expect, test } from "vitest";
import type { EmulatorService } from "../../../src/emulator/service.js";
import { createKey, createSigningKey, DAY, describe_, fail, freezeRealTime, ok, open } from "./helpers.js";

freezeRealTime();

type State = "Enabled" | "Disabled" | "PendingDeletion" | "PendingImport";

/** A key in the given state; signing keys so CreateKeyVersion is the state table's to refuse. */
function keyIn(service: EmulatorService, state: State, signing: boolean): string {
  if (state === "PendingImport") return createKey(service, { Origin: "EXTERNAL" });
  const keyId = signing ? createSigningKey(service) : createKey(service);
  if (state === "Disabled") ok(service.call("DisableKey", { KeyId: keyId }));
  if (state === "PendingDeletion") {
    ok(service.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "30" }));
  }
  return keyId;
}

const PARAMS: Record<string, (keyId: string) => Record<string, string>> = {
  CreateKeyVersion: (KeyId) => ({ KeyId }),
  UpdateRotationPolicy: (KeyId) => ({ KeyId, EnableAutomaticRotation: "true", RotationInterval: "30d" }),
  UpdateKeyDescription: (KeyId) => ({ KeyId, Description: "d" }),
  TagResource: (KeyId) => ({ KeyId, Tags: '[{"TagKey":"a","TagValue":"b"}]' }),
  UntagResource: (KeyId) => ({ KeyId, TagKeys: '["a"]' }),
  EnableKey: (KeyId) => ({ KeyId }),
  DisableKey: (KeyId) => ({ KeyId }),
  ScheduleKeyDeletion: (KeyId) => ({ KeyId, PendingWindowInDays: "7" }),
  CreateAlias: (KeyId) => ({ KeyId, AliasName: "alias/x" }),
  CancelKeyDeletion: (KeyId) => ({ KeyId }),
  DescribeKey: (KeyId) => ({ KeyId }),
  ListKeyVersions: (KeyId) => ({ KeyId }),
  ListResourceTags: (KeyId) => ({ KeyId }),
  ListAliasesByKeyId: (KeyId) => ({ KeyId }),
};

const R = (code: string) => `Rejected.${code}`;
// kms-api.md's table, row by row: Enabled, Disabled, PendingDeletion, PendingImport ("ok" or the 409 code).
const TABLE: Record<string, [string, string, string, string]> = {
  DescribeKey: ["ok", "ok", "ok", "ok"],
  ListKeyVersions: ["ok", "ok", "ok", "ok"],
  ListResourceTags: ["ok", "ok", "ok", "ok"],
  ListAliasesByKeyId: ["ok", "ok", "ok", "ok"],
  CreateKeyVersion: ["ok", R("Disabled"), R("PendingDeletion"), R("PendingImport")],
  UpdateRotationPolicy: ["ok", R("Disabled"), R("PendingDeletion"), R("PendingImport")],
  UpdateKeyDescription: ["ok", "ok", R("PendingDeletion"), "ok"],
  TagResource: ["ok", "ok", R("PendingDeletion"), "ok"],
  UntagResource: ["ok", "ok", R("PendingDeletion"), "ok"],
  EnableKey: ["ok", "ok", R("StateModifiedFailed"), R("StateModifiedFailed")],
  DisableKey: ["ok", "ok", R("StateModifiedFailed"), R("StateModifiedFailed")],
  ScheduleKeyDeletion: ["ok", "ok", R("StateModifiedFailed"), "ok"],
  CreateAlias: ["ok", "ok", R("StateModifiedFailed"), "ok"],
  CancelKeyDeletion: [R("StateModifiedFailed"), R("StateModifiedFailed"), "ok", R("StateModifiedFailed")],
};
const STATES: State[] = ["Enabled", "Disabled", "PendingDeletion", "PendingImport"];

describe("the state table", () => {
  const cases = Object.entries(TABLE).flatMap(([action, row]) =>
    STATES.map((state, i) => [action, state, row[i] as string] as const),
  );
  test.each(cases)("%s on a %s key: %s", (action, state, expected) => {
    const service = open();
    // UpdateRotationPolicy needs a symmetric key (asymmetric is refused before the state is looked at).
    const keyId = keyIn(service, state, action === "CreateKeyVersion");
    if (action === "CreateKeyVersion") service.advanceClock(7 * DAY);
    const params = (PARAMS[action] as (id: string) => Record<string, string>)(keyId);
    const outcome = service.call(action, params);
    if (expected === "ok") ok(outcome);
    else expect(fail(outcome)).toMatchObject({ status: 409, code: expected });
  });
});

describe("key lifecycle", () => {
  test("ScheduleKeyDeletion sets DeleteDate from PendingWindowInDays; CancelKeyDeletion brings it back Enabled", () => {
    const service = open();
    const keyId = createKey(service);
    ok(service.call("DisableKey", { KeyId: keyId }));
    ok(service.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "10" }));
    expect(describe_(service, keyId)).toMatchObject({
      KeyState: "PendingDeletion",
      DeleteDate: "2026-01-11T00:00:00Z",
    });
    ok(service.call("CancelKeyDeletion", { KeyId: keyId }));
    const meta = describe_(service, keyId);
    expect(meta.KeyState).toBe("Enabled");
    expect(meta.DeleteDate).toBe("");
  });

  test.each(["6", "367", "x"])("PendingWindowInDays %s is InvalidParameter", (days) => {
    const service = open();
    const outcome = service.call("ScheduleKeyDeletion", {
      KeyId: createKey(service),
      PendingWindowInDays: days,
    });
    expect(fail(outcome)).toMatchObject({ status: 400, code: "InvalidParameter" });
  });

  test("ScheduleKeyDeletion without PendingWindowInDays is MissingParameter", () => {
    const service = open();
    expect(fail(service.call("ScheduleKeyDeletion", { KeyId: createKey(service) })).code).toBe(
      "MissingParameter",
    );
  });

  test("a key is deleted, with its aliases, when the clock passes its DeleteDate", () => {
    const service = open();
    const keyId = createKey(service);
    ok(service.call("CreateAlias", { KeyId: keyId, AliasName: "alias/gone" }));
    ok(service.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "7" }));
    service.advanceClock(7 * DAY - 1);
    expect(describe_(service, keyId).KeyState).toBe("PendingDeletion");
    service.advanceClock(1);
    expect(fail(service.call("DescribeKey", { KeyId: keyId })).code).toBe("Forbidden.KeyNotFound");
    expect(ok(service.call("ListAliases", {})).TotalCount).toBe(0);
  });

  test("a cancelled BYOK key goes back to PendingImport", () => {
    const service = open();
    const keyId = createKey(service, { Origin: "EXTERNAL" });
    ok(service.call("ScheduleKeyDeletion", { KeyId: keyId, PendingWindowInDays: "7" }));
    ok(service.call("CancelKeyDeletion", { KeyId: keyId }));
    expect(describe_(service, keyId).KeyState).toBe("PendingImport");
  });
});
