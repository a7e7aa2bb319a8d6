// The simulated clock stays where the service's 4-digit-year dates can go, and a huge (allowed) jump
// makes a bounded number of automatic rotations: the real `kms-rotation emulator` process stays up.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, useBuiltCli } from "../../helpers/built.js";
import { Kms, kmsClient } from "./sdk.js";

const KEYS = 200;
let dir: string;
const children: ChildProcess[] = [];

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-clock-range-"));
  // Many keys in a software KMS instance, rotating automatically every 7 days (its floor).
  writeFileSync(
    join(dir, "weekly.yaml"),
    "version: 1\ninstances:\n  kst-weekly: software\nkeys:\n" +
      `  - alias: alias/weekly-{i}\n    count: ${KEYS}\n    dkmsInstanceId: kst-weekly\n    rotation: { interval: 7d }\n`,
  );
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function emulator(args: readonly string[]): { port: Promise<number>; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [BIN, "emulator", "--port", "0", ...args], {
    cwd: dir,
    stdio: "pipe",
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<Exit>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  child.stderr?.on("data", (c) => {
    stderr += c;
  });
  const port = new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (c) => {
      stdout += c;
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    exited.then((r) => reject(new Error(`exited ${r.code}: ${r.stderr}`)));
  });
  // A run expected to refuse is awaited through `exited` alone.
  port.catch(() => undefined);
  return { port, exited };
}

async function clock(
  port: number,
  body?: unknown,
): Promise<{ status: number; body: Record<string, string> }> {
  const init = body === undefined ? {} : { method: "POST", body: JSON.stringify(body) };
  const res = await fetch(`http://127.0.0.1:${port}/__emulator/clock`, init);
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

async function versionCount(port: number, keyId: string): Promise<number> {
  const listed = await kmsClient({ port }).listKeyVersions(
    new Kms.ListKeyVersionsRequest({ keyId, pageSize: 1 }),
  );
  return listed.totalCount as number;
}

const PAST_9999 = "past 9999-12-31T23:59:59Z, the last instant the service's 4-digit-year dates can show";

describe("the emulator's clock range", () => {
  it("refuses an advance or set past 9999-12-31T23:59:59Z with a 400 and one line, clock unchanged", async () => {
    const { port } = emulator(["--seed", join(dir, "weekly.yaml")]);
    const at = await port;
    const before = (await clock(at)).body.now as string;
    for (const advance of ["999999999d", "99000000d", "3000000d"]) {
      const refused = await clock(at, { advance });
      expect(refused).toEqual({
        status: 400,
        body: { error: `"advance": ${advance} would put the clock at an instant that is ${PAST_9999}` },
      });
    }
    const set = await clock(at, { set: "9999-12-31T23:59:59-01:00" });
    expect(set).toEqual({
      status: 400,
      body: { error: `"set": "9999-12-31T23:59:59-01:00" is ${PAST_9999}` },
    });
    const after = (await clock(at)).body.now as string;
    expect(after.slice(0, 4)).toBe(before.slice(0, 4));
    expect(await versionCount(at, "alias/weekly-1")).toBe(1);
  }, 60_000);

  it("a 3,000-year advance on many weekly keys answers, and makes at most 100 versions per key", async () => {
    const { port } = emulator(["--seed", join(dir, "weekly.yaml")]);
    const at = await port;
    const moved = await clock(at, { advance: `${3000 * 365}d` });
    expect(moved.status).toBe(200);
    expect(moved.body.now).toMatch(/^\d{4}-\d\d-\d\dT/);
    for (const i of [1, KEYS]) expect(await versionCount(at, `alias/weekly-${i}`)).toBe(1 + 100);
    const key = await kmsClient({ port: at }).describeKey(
      new Kms.DescribeKeyRequest({ keyId: "alias/weekly-1" }),
    );
    // The newest rotation is the last one due: less than an interval before now, the next one after it.
    const last = Date.parse(key.keyMetadata?.lastRotationDate as string);
    const next = Date.parse(key.keyMetadata?.nextRotationDate as string);
    const now = Date.parse(moved.body.now as string);
    expect(next - last).toBe(7 * 86_400_000);
    expect(last <= now && now < next).toBe(true);
  }, 120_000);

  it("refuses --clock and seed times past 9999, in one line, exit 1", async () => {
    const late = emulator(["--clock", "9999-12-31T23:59:59-01:00"]);
    const clockRun = await late.exited;
    expect(clockRun.code).toBe(1);
    expect(clockRun.stderr).toMatch(
      /^error: --clock: "9999-12-31T23:59:59-01:00" is past 9999-12-31T23:59:59Z[^\n]*\n$/,
    );
    writeFileSync(
      join(dir, "far.yaml"),
      "version: 1\nkeys:\n  - alias: alias/far\n    created: +99999999d\n",
    );
    const far = await emulator(["--seed", join(dir, "far.yaml")]).exited;
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/far\.yaml:\d+:\d+: created: "\+99999999d" is past 9999-12-31T23:59:59Z/);
    expect(far.stderr.trimEnd().split("\n").length).toBeLessThanOrEqual(2);
  }, 60_000);
});
