// A hostile or broken proxy in front of KMS, through the built CLI: another key's metadata, corrupted
// fields, HTTP 200 with an error body (on a read and on a write) and an oversized body. No request reaches
// the write API for a key whose answer was corrupted, the run exits 1, and each such key gets one line.

import type { IncomingMessage } from "node:http";
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
const ERROR_BODY = JSON.stringify({ Code: "Forbidden.NoPermission", Message: "denied", RequestId: "r-1" });

/** How the proxy corrupts DescribeKey of each key (by the id it was asked for). */
const corruptions: Record<string, (meta: Record<string, unknown>) => Record<string, unknown>> = {
  other: (meta) => ({
    ...meta,
    KeyId: ids.decoy,
    Arn: String(meta.Arn).replace(ids.other ?? "", ids.decoy ?? ""),
  }),
  interval: (meta) => ({ ...meta, RotationInterval: "7d" }),
  lastRotation: (meta) => ({ ...meta, LastRotationDate: "1" }),
  garbageArn: (meta) => ({ ...meta, Arn: "garbage" }),
};

beforeAll(async () => {
  emu = await emulator();
  // Every declared key needs a change, so any write the tool decided on would show at the proxy.
  for (const name of [
    "other",
    "interval",
    "lastRotation",
    "garbageArn",
    "errorRead",
    "huge",
    "errorWrite",
    "decoy",
  ])
    ids[name] = createKey(emu, { rotation: name === "interval" ? "30d" : undefined });
  const nameOf = (id: string) => Object.keys(ids).find((n) => ids[n] === id);
  proxy = await startProxy(emu.url, {
    answer: (req, res) => {
      const action = actionOf(req);
      const name = nameOf(keyIdOf(req));
      if (action === "UpdateRotationPolicy" || action === "CreateKeyVersion")
        writes.push(`${action} ${name}`);
      const errorBody =
        (action === "DescribeKey" && name === "errorRead") ||
        (action === "UpdateRotationPolicy" && name === "errorWrite");
      if (!errorBody) return false;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(ERROR_BODY);
      return true;
    },
    rewrite: (req, body) => {
      if (actionOf(req) !== "DescribeKey") return undefined;
      const name = nameOf(keyIdOf(req)) ?? "";
      if (name === "huge") return body.replace(/}$/, `,"Padding":"${"x".repeat(5 * 1024 * 1024)}"}`);
      const corrupt = corruptions[name];
      if (!corrupt) return undefined;
      const json = JSON.parse(body);
      return JSON.stringify({ ...json, KeyMetadata: corrupt(json.KeyMetadata) });
    },
  });
});

afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

function config(dir: string): string {
  const declared = ["other", "interval", "lastRotation", "garbageArn", "errorRead", "huge", "errorWrite"];
  return writeConfig(
    dir,
    declared
      .map((name) => `  - key: ${ids[name]}\n    rotation: { mode: automatic, interval: 90d }\n`)
      .join(""),
  );
}

describe("a hostile proxy in front of KMS", () => {
  test("apply: no write for a corrupted answer, the write answered 200 with an error is not applied, exit 1", async () => {
    const dir = tempDir();
    const run = await runBuilt(dir, [
      "apply",
      config(dir),
      "--auto-approve",
      "--endpoint",
      proxy.url,
      "--now",
      emu.service.now().toISOString(),
    ]);
    expect(run.code).toBe(1);
    // Only the healthy key's write was sent (settled by reading, and sent again while not applied); the
    // proxy answered each 200 with an error body.
    expect(new Set(writes)).toEqual(new Set(["UpdateRotationPolicy errorWrite"]));
    const output = run.stdout + run.stderr;
    for (const [name, field] of [
      ["other", "KeyId"],
      ["interval", "RotationInterval"],
      ["lastRotation", "LastRotationDate"],
      ["garbageArn", "Arn"],
      ["errorRead", "Forbidden.NoPermission"],
      ["huge", "4 MiB"],
    ] as const) {
      const lines = output
        .split("\n")
        .filter((line) => line.includes(ids[name] as string) && line.includes(field));
      expect(lines.length, `${name}: ${output}`).toBeGreaterThanOrEqual(1);
    }
    expect(output).toMatch(/InvalidResponse/);
    expect(output).not.toMatch(/7 applied|applied, 0 failed/);
    // The one write the proxy swallowed did not happen in KMS, and is not reported applied.
    const after = emu.service.call("DescribeKey", { KeyId: ids.errorWrite as string });
    expect(
      after.ok &&
        (after.body as { KeyMetadata: { AutomaticRotation: string } }).KeyMetadata.AutomaticRotation,
    ).toBe("Disabled");
  }, 60_000);

  test("plan and drift: the corrupted keys are errors, never a verdict; exit 1", async () => {
    const dir = tempDir();
    const args = ["--endpoint", proxy.url, "--now", emu.service.now().toISOString(), "--format", "json"];
    const plan = await runBuilt(dir, ["plan", config(dir), ...args]);
    expect(plan.code).toBe(1);
    const keys = JSON.parse(plan.stdout).keys as {
      keyId?: string;
      key: string;
      action: string;
      error?: { code: string };
    }[];
    const byKey = new Map(keys.map((k) => [k.key, k]));
    for (const name of ["other", "interval", "lastRotation", "garbageArn", "errorRead", "huge"]) {
      expect(byKey.get(ids[name] as string)?.action, name).toBe("error");
      expect(byKey.get(ids[name] as string)?.error?.code, name).toBe("InvalidResponse");
    }
    expect(byKey.get(ids.errorWrite as string)?.action).toBe("update-rotation-policy");
    const drift = await runBuilt(dir, ["drift", config(dir), ...args]);
    expect(drift.code).not.toBe(0);
    const statuses = JSON.parse(drift.stdout).keys.map((k: { status: string }) => k.status);
    expect(statuses.filter((s: string) => s === "error")).toHaveLength(6);
  }, 60_000);
  test("audit: a corrupted or unread key is an error entry with no verdict, never counted as breaking; exit 1", async () => {
    const dir = tempDir();
    const args = ["audit", config(dir), "--endpoint", proxy.url, "--now", emu.service.now().toISOString()];
    const corrupted = ["other", "interval", "lastRotation", "garbageArn", "errorRead", "huge"];
    const json = await runBuilt(dir, [...args, "--format", "json"]);
    expect(json.code, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as {
      summary: { keys: number; nonCompliant: number; errors?: number };
      keys: { key: string; verdict: string; error?: { code: string; message: string } }[];
    };
    const byKey = new Map(report.keys.map((k) => [k.key, k]));
    for (const name of corrupted) {
      expect(byKey.get(ids[name] as string)?.verdict, name).toBe("error");
      expect(byKey.get(ids[name] as string)?.error?.code, name).toBe("InvalidResponse");
    }
    // The one healthy key keeps its verdict; the errors are counted apart from the verdicts.
    expect(byKey.get(ids.errorWrite as string)?.verdict).not.toBe("error");
    expect(report.summary.errors).toBe(6);
    expect(report.summary.nonCompliant).toBe(report.keys.filter((k) => k.verdict === "non-compliant").length);
    expect(report.summary.nonCompliant).toBeLessThanOrEqual(1);

    const text = await runBuilt(dir, [...args, "--format", "text"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/6 keys could not be read/);
    expect(text.stdout).not.toMatch(/[2-7] keys break the policy/);

    const metrics = await runBuilt(dir, [...args, "--format", "openmetrics"]);
    expect(metrics.code).toBe(1);
    expect(metrics.stdout).toMatch(/^kms_rotation_audit_errors 6$/m);
    expect(metrics.stdout).not.toMatch(/verdict="error"/);
    expect(metrics.stdout.match(/^kms_rotation_audit_key_error\{/gm)).toHaveLength(6);
    const nonCompliant = metrics.stdout.match(/^kms_rotation_audit_keys\{verdict="non-compliant"\} (\d+)$/m);
    expect(Number(nonCompliant?.[1])).toBe(report.summary.nonCompliant);
  }, 60_000);
});
