// importRegion: what `kms-rotation import` decides, as values, against the emulator: every key declared
// as it is, the keys left out, another region's keys refused, and a shard with no region idle.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegion } from "../../src/app/import-region.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { call, createKey, emulator, stats, T0 } from "../helpers/fleet.js";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await emulator({ region: "cn-hangzhou" });
});
afterEach(async () => {
  await emu.close();
});

describe("importRegion", () => {
  it("declares each key as it is, by alias when it has one, and leaves out keys pending deletion", async () => {
    createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
    const bare = createKey(emu);
    const signer = createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
    const doomed = createKey(emu, { alias: "alias/doomed" });
    call(emu, "ScheduleKeyDeletion", { KeyId: doomed, PendingWindowInDays: "7" });

    const { imported, diagnostics } = await importRegion("cn-hangzhou", { endpoint: emu.url, now: T0 });
    expect(diagnostics).toEqual([]);
    expect(imported?.regions).toEqual(["cn-hangzhou"]);
    expect(imported?.now).toBe("2026-01-01T00:00:00Z");
    const declared = new Map(imported?.decisions.declared.map((d) => [d.name, d.rotation]));
    expect(declared).toEqual(
      new Map<string, unknown>([
        ["alias/orders-db", { mode: "automatic", interval: 90 * 86400 }],
        [bare, { mode: "off" }],
        ["alias/signer", { mode: "off" }],
      ]),
    );
    expect(imported?.decisions.declared.find((d) => d.name === "alias/signer")?.candidate.key.keyId).toBe(
      signer,
    );
    expect(imported?.decisions.pendingDeletion.map((k) => k.key.keyId)).toEqual([doomed]);
  });

  it("refuses an endpoint that answers with another region's keys", async () => {
    createKey(emu, { alias: "alias/orders-db" });
    const { imported, diagnostics } = await importRegion(["cn-shanghai"], { endpoint: emu.url });
    expect(imported).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        severity: "error",
        code: "kms",
        message: expect.stringMatching(
          /^the endpoint for cn-shanghai answered with keys of another region \(acs:kms:cn-hangzhou:\d+:key\/[-0-9a-f]+\); nothing was written$/,
        ),
      },
    ]);
  });

  it("a shard that holds none of the regions is idle: a note, and no call to KMS", async () => {
    const before = await stats(emu);
    const { imported, diagnostics } = await importRegion(["cn-hangzhou"], {
      endpoint: emu.url,
      shard: { index: 2, count: 2 },
    });
    expect(imported).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        severity: "note",
        code: "shard",
        message: "shard 2/2 has nothing to do: 1 region given, none falls to it",
      },
    ]);
    expect(await stats(emu)).toEqual(before);
  });

  it("reads only its shard's regions", async () => {
    createKey(emu, { alias: "alias/orders-db" });
    // Sorted, cn-beijing is shard 1/2 and cn-hangzhou shard 2/2: this emulator is cn-hangzhou.
    const { imported, diagnostics } = await importRegion(["cn-hangzhou", "cn-beijing"], {
      endpoint: emu.url,
      shard: { index: 2, count: 2 },
    });
    expect(diagnostics).toEqual([]);
    expect(imported?.regions).toEqual(["cn-hangzhou"]);
    expect(imported?.decisions.declared.map((d) => d.name)).toEqual(["alias/orders-db"]);
  });

  it("refuses what is not a region id before any call", async () => {
    const { diagnostics } = await importRegion(["cn-hangzhou", "moon"], { endpoint: emu.url });
    expect(diagnostics).toEqual([
      { severity: "error", code: "region", message: '"moon" is not a region id such as cn-hangzhou' },
    ]);
  });
});
