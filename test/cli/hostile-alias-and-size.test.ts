// Two hostile answers through the built CLI (section 14): a DescribeKey by alias that describes another
// key than the alias's target, and a 100 MB DescribeKey sent chunked or with its content-length. Each
// makes its key an `error` entry: exit 1, one line naming the key, and no write reaches the service.

import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";
import { type ProxyServer, startProxy } from "../helpers/proxy.js";

useBuiltCli();

let emu: RunningEmulator;
let proxy: ProxyServer;
const ids: Record<string, string> = {};
/** Write requests that reached the proxy, as `Action KeyId`. */
const writes: string[] = [];

const actionOf = (req: IncomingMessage) => String(req.headers["x-acs-action"]);
const keyIdOf = (req: IncomingMessage) => new URL(req.url ?? "/", "http://x").searchParams.get("KeyId") ?? "";
const MB = 1024 * 1024;

/** DescribeKey of `keyId` as the service answers it, with a 100 MB Description, streamed. */
async function hugeAnswer(res: ServerResponse, keyId: string, declareLength: boolean): Promise<void> {
  const outcome = emu.service.call("DescribeKey", { KeyId: keyId });
  if (!outcome.ok) throw new Error("DescribeKey failed in setup");
  const whole = JSON.stringify({ RequestId: "r-huge", ...outcome.body });
  const [head, tail] = [`${whole.slice(0, -2)},"Description":"`, `"}}`];
  const chunk = "x".repeat(MB);
  const length = head.length + 100 * MB + tail.length;
  res.writeHead(200, {
    "content-type": "application/json",
    ...(declareLength ? { "content-length": String(length) } : {}),
  });
  const write = (text: string) =>
    new Promise<void>((done) => (res.write(text) ? done() : res.once("drain", done)));
  res.on("error", () => {});
  await write(head);
  for (let i = 0; i < 100 && !res.destroyed; i++) await write(chunk);
  if (!res.destroyed) res.end(tail);
}

beforeAll(async () => {
  emu = await emulator();
  ids.declared = createKey(emu, { alias: "alias/declared" });
  ids.decoy = createKey(emu, { alias: "alias/decoy" });
  ids.chunked = createKey(emu);
  ids.sized = createKey(emu);
  ids.healthy = createKey(emu);
  ids.healthy2 = createKey(emu);
  const nameOf = (id: string) => Object.keys(ids).find((n) => ids[n] === id) ?? id;
  proxy = await startProxy(emu.url, {
    answer: (req, res) => {
      const action = actionOf(req);
      if (action === "UpdateRotationPolicy" || action === "CreateKeyVersion")
        writes.push(`${action} ${nameOf(keyIdOf(req))}`);
      if (action !== "DescribeKey") return false;
      const asked = keyIdOf(req);
      if (asked !== ids.chunked && asked !== ids.sized) return false;
      void hugeAnswer(res, asked, asked === ids.sized);
      return true;
    },
    rewrite: (req, body) => {
      // The declared alias's DescribeKey answered with the decoy's metadata, KeyId and Arn alike.
      if (actionOf(req) !== "DescribeKey" || keyIdOf(req) !== "alias/declared") return undefined;
      const decoy = emu.service.call("DescribeKey", { KeyId: ids.decoy as string });
      if (!decoy.ok) return undefined;
      return JSON.stringify({
        ...JSON.parse(body),
        KeyMetadata: (decoy.body as { KeyMetadata: unknown }).KeyMetadata,
      });
    },
  });
});

afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

const entry = (key: string) => `  - key: ${key}\n    rotation: { mode: automatic, interval: 90d }\n`;

async function applyThrough(keys: readonly string[]) {
  const dir = tempDir();
  writes.length = 0;
  const file = writeConfig(dir, keys.map(entry).join(""));
  const now = emu.service.now().toISOString();
  return runBuilt(dir, ["apply", file, "--auto-approve", "--endpoint", proxy.url, "--now", now]);
}

const linesWith = (text: string, ...parts: string[]) =>
  text.split("\n").filter((line) => parts.every((p) => line.includes(p)));

describe("a hostile proxy in front of KMS, keys declared by alias or answered huge", () => {
  test("an alias answered with another key's metadata is an error: no write to either key", async () => {
    const run = await applyThrough(["alias/declared", ids.healthy as string]);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(1);
    expect(writes, output).toEqual(["UpdateRotationPolicy healthy"]);
    expect(
      linesWith(output, "alias/declared", "another key than the one asked for").length,
      output,
    ).toBeGreaterThanOrEqual(1);
    expect(output).not.toMatch(/alias\/declared applied/);
    for (const id of [ids.declared, ids.decoy]) {
      const after = emu.service.call("DescribeKey", { KeyId: id as string });
      expect(
        after.ok &&
          (after.body as { KeyMetadata: { AutomaticRotation: string } }).KeyMetadata.AutomaticRotation,
      ).toBe("Disabled");
    }
  }, 60_000);

  test("a 100 MB answer, chunked or with its length, is refused at 4 MiB: error entries, no write", async () => {
    const run = await applyThrough([ids.chunked as string, ids.sized as string, ids.healthy2 as string]);
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(1);
    expect(writes, output).toEqual(["UpdateRotationPolicy healthy2"]);
    for (const name of ["chunked", "sized"])
      expect(
        linesWith(output, ids[name] as string, "4 MiB").length,
        `${name}: ${output}`,
      ).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
