// Durable means durable: a write is acknowledged only once its journal line is wholly on disk. Here the
// disk fills at every byte offset of a journal line (short writes, then ENOSPC): the call is answered 500
// and not kept in memory, reads go on, writes resume when space returns, and a restart (after a crash)
// finds every acknowledged write and nothing else.

import * as realFs from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test, vi } from "vitest";
import { openService } from "../../../src/emulator/open-service.js";
import type { EmulatorService } from "../../../src/emulator/service.js";
import { describe_, fail, freezeRealTime, ok, open, simulateCrash, tempDir } from "./helpers.js";

/** Bytes the "disk" still takes; a write past it is cut short, the next one fails with ENOSPC. */
const disk = vi.hoisted(() => ({ room: Number.POSITIVE_INFINITY, fsyncFails: false }));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  const enospc = () => Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  const writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
    if (typeof data === "string" || disk.room === Number.POSITIVE_INFINITY) {
      return (real.writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
    }
    const buffer = data as Buffer;
    const offset = (rest[0] as number | undefined) ?? 0;
    const length = (rest[1] as number | undefined) ?? buffer.length - offset;
    if (disk.room <= 0) throw enospc();
    const written = real.writeSync(fd, buffer, offset, Math.min(length, disk.room));
    disk.room -= written;
    return written;
  }) as typeof real.writeSync;
  const fdatasyncSync = ((fd: number) => {
    if (disk.fsyncFails) throw Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" });
    return real.fdatasyncSync(fd);
  }) as typeof real.fdatasyncSync;
  return { ...real, default: { ...real, writeSync, fdatasyncSync }, writeSync, fdatasyncSync };
});

freezeRealTime();

afterEach(() => {
  disk.room = Number.POSITIVE_INFINITY;
  disk.fsyncFails = false;
});

function description(service: EmulatorService, keyId: string): string {
  return describe_(service, keyId).Description;
}

describe("a disk that fills", () => {
  test("at every byte of a journal line: 500, nothing kept; reads go on; writes resume; a restart has the acknowledged", () => {
    const dir = tempDir();
    // The length of the line one UpdateKeyDescription appends, measured once.
    const probePath = join(dir, "probe.json");
    const probe = open({ statePath: probePath });
    const probeKey = ok(probe.call("CreateKey", { Description: "v0" })).KeyMetadata.KeyId;
    const before = realFs.statSync(probePath).size;
    ok(probe.call("UpdateKeyDescription", { KeyId: probeKey, Description: "v1" }));
    const lineLength = realFs.statSync(probePath).size - before;
    probe.close();
    expect(lineLength).toBeGreaterThan(100);

    const statePath = join(dir, "state.json");
    const service = open({ statePath });
    const keyId = ok(service.call("CreateKey", { Description: "v0" })).KeyMetadata.KeyId;
    const sizeBefore = realFs.statSync(statePath).size;
    const fileBefore = realFs.readFileSync(statePath);
    let failedAt = 0;
    for (let room = 0; room < lineLength; room++) {
      disk.room = room;
      const outcome = service.call("UpdateKeyDescription", { KeyId: keyId, Description: "v1" });
      failedAt++;
      expect(fail(outcome)).toMatchObject({ status: 500, code: "InternalFailure" });
      // Not applied in memory, and the file ends with the last acknowledged write, byte for byte.
      expect(description(service, keyId)).toBe("v0");
      expect(realFs.statSync(statePath).size).toBe(sizeBefore);
      // Full: reads answer, writes are refused.
      expect(ok(service.call("ListKeys", {})).TotalCount).toBe(1);
      expect(fail(service.call("CreateKey", {})).status).toBe(500);
      disk.room = Number.POSITIVE_INFINITY;
      if (room % 97 === 0) {
        // As after a crash right then: the file is what was acknowledged.
        expect(realFs.readFileSync(statePath).equals(fileBefore)).toBe(true);
      }
    }
    // Exactly room for the line: acknowledged.
    disk.room = lineLength;
    ok(service.call("UpdateKeyDescription", { KeyId: keyId, Description: "v1" }));
    disk.room = Number.POSITIVE_INFINITY;
    ok(service.call("TagResource", { KeyId: keyId, Tags: '[{"TagKey":"after","TagValue":"space"}]' }));
    simulateCrash(statePath);
    const reopened = openService({ region: "cn-hangzhou", statePath });
    expect(description(reopened, keyId)).toBe("v1");
    expect(ok(reopened.call("ListKeys", {})).TotalCount).toBe(1);
    expect(ok(reopened.call("ListResourceTags", { KeyId: keyId })).Tags.Tag).toHaveLength(1);
    reopened.close();
    expect(failedAt).toBe(lineLength);
  });

  test("a failed fsync is a failed write too", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const keyId = ok(service.call("CreateKey", { Description: "v0" })).KeyMetadata.KeyId;
    disk.fsyncFails = true;
    expect(fail(service.call("UpdateKeyDescription", { KeyId: keyId, Description: "v1" })).status).toBe(500);
    expect(description(service, keyId)).toBe("v0");
    disk.fsyncFails = false;
    simulateCrash(statePath);
    expect(description(openService({ region: "cn-hangzhou", statePath }), keyId)).toBe("v0");
  });

  test("a clock move the disk refuses does not move the clock nor rotate; rotations wait for the disk", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    const keyId = ok(service.call("CreateKey", { EnableAutomaticRotation: "true", RotationInterval: "7d" }))
      .KeyMetadata.KeyId;
    const at = service.now().toISOString();
    disk.room = 0;
    expect(() => service.advanceClock(8 * 86_400)).toThrow(
      /cannot write the state file .*state\.json: no space left/,
    );
    expect(service.now().toISOString()).toBe(at);
    expect(ok(service.call("ListKeyVersions", { KeyId: keyId })).TotalCount).toBe(1);
    disk.room = Number.POSITIVE_INFINITY;
    service.advanceClock(8 * 86_400);
    expect(ok(service.call("ListKeyVersions", { KeyId: keyId })).TotalCount).toBe(2);
  });

  test("a restart on a full disk refuses to start, naming the state file", () => {
    const statePath = join(tempDir(), "state.json");
    const service = open({ statePath });
    ok(service.call("CreateKey", {}));
    simulateCrash(statePath);
    disk.room = 0;
    expect(() => openService({ region: "cn-hangzhou", statePath })).toThrow(
      `cannot write the state file ${statePath}: no space left on the device (ENOSPC)`,
    );
  });
});
