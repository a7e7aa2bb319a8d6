// The state file on a real full disk (a 64 KiB tmpfs, where this machine lets the test mount one): through
// the official SDK, every acknowledged write survives, no refused write is kept, reads go on while the disk
// is full, writes resume when space returns, and a restart finds exactly what was acknowledged.

import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { completeLines, parseSnapshot, replay } from "../../../src/emulator/state-format.js";
import { tempDir } from "../core/helpers.js";
import { caller, emulator } from "./harness.js";

const mountPoint = join(tempDir(), "tmpfs");
mkdirSync(mountPoint);
const mounted =
  process.platform === "linux" &&
  spawnSync("mount", ["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", mountPoint]).status === 0;

afterAll(() => {
  if (mounted) spawnSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** What a restart would read from the file, without opening (and locking) it. */
function onDisk(statePath: string) {
  const lines = completeLines(readFileSync(statePath, "utf8"));
  const [first, ...journal] = lines;
  return replay(parseSnapshot(first as string, statePath), journal, statePath).state;
}

const pad = "x".repeat(400);

describe("a full disk under the state file", () => {
  it.skipIf(!mounted)("keeps every acknowledged write and none of the refused ones", async () => {
    const statePath = join(mountPoint, "state.json");
    const first = await emulator({ statePath });
    const call = caller("openapi-client (v3)", first);
    const base = ((await call("CreateKey", { Description: "d-base" })).KeyMetadata as { KeyId: string })
      .KeyId;
    // Leave a few KiB: enough for some writes, not for all.
    const filler = join(mountPoint, "filler");
    const free = () => {
      const s = statfsSync(mountPoint);
      return s.bavail * s.bsize;
    };
    writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 12 * 1024)));

    const acked: string[] = [];
    let lastDescription = "d-base";
    let refused = 0;
    for (let i = 0; i < 80 && refused < 8; i++) {
      const description = `d-${i}-${pad}`;
      try {
        if (i % 2 === 0) {
          await call("UpdateKeyDescription", { KeyId: base, Description: description });
          lastDescription = description;
        } else {
          acked.push(
            ((await call("CreateKey", { Description: description })).KeyMetadata as { KeyId: string }).KeyId,
          );
        }
      } catch (error) {
        expect((error as { status: number }).status).toBeGreaterThanOrEqual(500);
        refused++;
        // Refused: not kept in memory either, and reads still answer.
        const described = await call("DescribeKey", { KeyId: base });
        expect((described.KeyMetadata as { Description: string }).Description).toBe(lastDescription);
        expect((await call("ListKeys", { PageSize: "100" })).TotalCount).toBe(1 + acked.length);
      }
    }
    expect(acked.length).toBeGreaterThan(0);
    expect(refused).toBe(8);
    const full = onDisk(statePath);
    expect(full.keys.map((k) => k.keyId).sort()).toEqual([base, ...acked].sort());
    expect(full.keys.find((k) => k.keyId === base)?.description).toBe(lastDescription);

    // Space returns: writes resume.
    rmSync(filler);
    const after = ((await call("CreateKey", { Description: "after" })).KeyMetadata as { KeyId: string })
      .KeyId;
    await first.close();

    const second = await emulator({ statePath });
    const again = caller("openapi-client (v3)", second);
    const listed = await again("ListKeys", { PageSize: "100" });
    const ids = (listed.Keys as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId).sort();
    expect(ids).toEqual([base, ...acked, after].sort());
    const described = await again("DescribeKey", { KeyId: base });
    expect((described.KeyMetadata as { Description: string }).Description).toBe(lastDescription);
    await second.close();
  });
});
