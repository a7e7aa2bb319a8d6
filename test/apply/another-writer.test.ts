// A second writer between our read and our write (another apply, a person in the console): the service
// refuses our write for the key's new state, and apply reads again instead of reporting a failure it
// cannot explain, or sending the write a second time.

import { afterEach, describe, expect, it } from "vitest";
import { applyPlan } from "../../src/apply/execute.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { Kms } from "../../src/kms/types.js";
import { DAY, type DesiredKey } from "../../src/model/index.js";
import { observeKeys } from "../../src/observe/observe.js";
import { plan } from "../../src/plan/index.js";
import { advanceDays } from "../helpers/fleet.js";
import { callCount, clientFor, createKey, REGION, serviceCall, start } from "../kms/helpers.js";

let emu: RunningEmulator;
afterEach(async () => {
  await emu.close();
});

async function dueSigner(): Promise<{ desired: DesiredKey[]; keyId: string }> {
  emu = await start();
  const keyId = createKey(emu, { KeySpec: "RSA_2048", KeyUsage: "SIGN/VERIFY" });
  advanceDays(emu, 30);
  const rotation = { mode: "manual" as const, interval: 10 * DAY };
  return { keyId, desired: [{ key: keyId, ref: { kind: "id", keyId }, region: REGION, rotation }] };
}

/** The real client, with `before` run against the service just before our CreateKeyVersion is sent. */
function racing(kms: Kms, before: (keyId: string) => void): Kms {
  return {
    ...kms,
    createKeyVersion: (keyId, options) => {
      before(keyId);
      return kms.createKeyVersion(keyId, options);
    },
  };
}

async function applyWith(desired: DesiredKey[], kms: Kms) {
  const now = emu.service.now();
  const first = plan(desired, await observeKeys(desired, () => kms, { concurrency: 1, now }), now);
  expect(first.keys[0]?.action.kind).toBe("create-key-version");
  return applyPlan(first, () => kms, { now });
}

function versions(keyId: string): number {
  return (serviceCall(emu, "ListKeyVersions", { KeyId: keyId }) as { TotalCount: number }).TotalCount;
}

describe("a write refused because another writer changed the key first", () => {
  it("a version another apply made in between is reported unchanged, and ours is not sent again", async () => {
    const { desired, keyId } = await dueSigner();
    const kms = racing(clientFor(emu), (id) => serviceCall(emu, "CreateKeyVersion", { KeyId: id }));
    const result = await applyWith(desired, kms);
    expect(result.results[0]?.outcome).toMatchObject({ status: "unchanged" });
    expect(JSON.stringify(result.results[0]?.outcome)).toContain("another writer");
    expect(result.summary.failed).toBe(0);
    expect(versions(keyId)).toBe(2);
    // Ours was sent once and refused by the 7-day rule; nothing sent it again.
    expect(await callCount(emu, "CreateKeyVersion")).toBe(1);
  });

  it("a key disabled in between fails with the reason read afterwards, the write sent once", async () => {
    const { desired, keyId } = await dueSigner();
    const kms = racing(clientFor(emu), (id) => serviceCall(emu, "DisableKey", { KeyId: id }));
    const result = await applyWith(desired, kms);
    expect(result.results[0]?.outcome).toMatchObject({ status: "failed", error: { code: "KeyDisabled" } });
    expect(versions(keyId)).toBe(1);
    expect(await callCount(emu, "CreateKeyVersion")).toBe(1);
  });
});
