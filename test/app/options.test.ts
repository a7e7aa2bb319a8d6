// A library call resolves its options once and hands the resolved values to every stage (no stage reads
// the caller's options again), and KMS_ROTATION_ENDPOINT is read there with one notion of unset: blank or
// whitespace is unset, so a provider.local config still runs its embedded emulator.

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyConfig,
  applyInputProblems,
  auditConfig,
  driftConfig,
  forecastConfig,
  planConfig,
  type RunOptions,
  resolveOptions,
  savePlan,
} from "../../src/app/index.js";
import { publishKeys } from "../../src/app/publish.js";
import { tempDir } from "../helpers/fleet.js";

/** One automatic key and one signing key on the embedded KMS, in a folder of their own. */
function localConfig(): { dir: string; file: string } {
  const dir = tempDir();
  writeFileSync(
    join(dir, "fleet.yaml"),
    [
      "version: 1",
      "keys:",
      "  - alias: alias/orders",
      "    created: -10d",
      "  - alias: alias/signer",
      "    spec: EC_P256",
      "    usage: SIGN/VERIFY",
      "    created: -30d",
      "",
    ].join("\n"),
  );
  const file = join(dir, "kms.yaml");
  writeFileSync(
    file,
    [
      "version: 1",
      "provider:",
      "  local: { seed: fleet.yaml, state: state.json }",
      "defaults: { region: cn-hangzhou }",
      "keys:",
      "  - key: alias/orders",
      "    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/signer",
      "    rotation: { mode: manual, interval: 30d }",
      "    signing: { publishAhead: 1d, verifyFor: 1d }",
      "",
    ].join("\n"),
  );
  return { dir, file };
}

/** An environment whose KMS_ROTATION_ENDPOINT is only spaces, counting how often it is read. */
function countingEnv(): { env: Record<string, string | undefined>; reads: () => number } {
  let reads = 0;
  const env = new Proxy<Record<string, string | undefined>>(
    { KMS_ROTATION_ENDPOINT: "   " },
    {
      get(target, name) {
        if (name === "KMS_ROTATION_ENDPOINT") reads += 1;
        return Reflect.get(target, name);
      },
    },
  );
  return { env, reads: () => reads };
}

describe("a library call's options", () => {
  it("blank or whitespace KMS_ROTATION_ENDPOINT and --endpoint are unset; a value is trimmed", () => {
    for (const blank of ["", "   ", "\t", " \n "]) {
      expect(resolveOptions({ env: { KMS_ROTATION_ENDPOINT: blank } }).endpoint).toBeUndefined();
      expect(resolveOptions({ endpoint: blank, env: {} }).endpoint).toBeUndefined();
    }
    const env = { KMS_ROTATION_ENDPOINT: " http://127.0.0.1:1 " };
    expect(resolveOptions({ env })).toMatchObject({
      endpoint: "http://127.0.0.1:1",
      endpointFrom: "KMS_ROTATION_ENDPOINT",
    });
    expect(resolveOptions({ endpoint: "  ", env })).toMatchObject({ endpointFrom: "KMS_ROTATION_ENDPOINT" });
    expect(resolveOptions({ endpoint: " kms.example ", env })).toMatchObject({
      endpoint: "kms.example",
      endpointFrom: "--endpoint",
    });
  });

  it("a shard or instant no run can mean is refused before anything is read, not run as nothing", async () => {
    const { dir, file } = localConfig();
    for (const shard of [
      { index: 0, count: 2 },
      { index: 3, count: 2 },
      { index: 1, count: 0 },
      { index: 1.5, count: 2 },
      { index: -1, count: 2 },
    ]) {
      expect(() => resolveOptions({ shard }), JSON.stringify(shard)).toThrow(RangeError);
      await expect(planConfig(file, { cwd: dir, shard })).rejects.toThrow(/^shard/);
      await expect(driftConfig(file, { cwd: dir, shard })).rejects.toThrow(RangeError);
    }
    expect(() => resolveOptions({ shard: { index: 2, count: 2 } })).not.toThrow();
    expect(() => resolveOptions({ now: new Date("x") })).toThrow("now must be a valid Date");
    await expect(forecastConfig(file, { cwd: dir, horizon: Number.NaN })).rejects.toThrow(RangeError);
    await expect(forecastConfig(file, { cwd: dir, until: new Date("x") })).rejects.toThrow(RangeError);
    expect(existsSync(join(dir, "state.json"))).toBe(false);
  });

  it("are resolved once per call, and a blank endpoint leaves provider.local on its embedded KMS", async () => {
    const { dir, file } = localConfig();
    const once = async (
      call: (options: RunOptions) => Promise<{ readonly diagnostics: readonly unknown[] }>,
    ) => {
      const { env, reads } = countingEnv();
      const { diagnostics } = await call({ cwd: dir, env });
      return { diagnostics, reads: reads() };
    };
    const clean = { diagnostics: [], reads: 1 };
    expect(await once((o) => planConfig(file, o))).toEqual(clean);
    expect(await once((o) => driftConfig(file, o))).toEqual(clean);
    expect(await once((o) => auditConfig(file, o))).toEqual(clean);
    expect(await once((o) => forecastConfig(file, { ...o, horizon: 30 * 86_400 }))).toEqual(clean);
    expect(await once((o) => applyConfig(file, { ...o, confirm: () => false }))).toEqual(clean);
    expect(await once((o) => applyConfig(file, o))).toEqual(clean);
    // A saved plan: read, checked for staleness and applied in one call.
    const planned = await planConfig(file, { cwd: dir, env: {} });
    if (!planned.plan || !planned.saved) throw new Error("the config did not plan");
    expect(await savePlan("plan.json", planned.plan, planned.saved, dir)).toBeUndefined();
    expect(await once((o) => applyConfig("plan.json", o))).toEqual(clean);
    expect(await once(async (o) => ({ diagnostics: await applyInputProblems(file, o) }))).toEqual(clean);
    expect(await once((o) => publishKeys(file, o))).toEqual(clean);
  }, 120_000);
});
