// renderReports: saved JSON reports read back as one report, as `kms-rotation render` reads them: the
// shards of one drift run (two regions, each its own emulator) merge into what one run reports, and every
// set that cannot be one report is refused with why.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driftConfig, planConfig } from "../../src/app/index.js";
import { renderReports } from "../../src/app/render-reports.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import type { DriftReport } from "../../src/model/index.js";
import { DRIFT_VIEWS, PLAN_VIEWS } from "../../src/render/index.js";
import { reportFormats } from "../../src/render/report-views.js";
import { createKey, emulator, T0, tempDir } from "../helpers/fleet.js";

let hangzhou: RunningEmulator;
let shanghai: RunningEmulator;
let dir: string;
let whole: DriftReport;

beforeAll(async () => {
  hangzhou = await emulator({ region: "cn-hangzhou" });
  shanghai = await emulator({ region: "cn-shanghai" });
  createKey(hangzhou, { alias: "alias/orders-db", rotation: "90d" });
  createKey(hangzhou, { alias: "alias/archive" });
  createKey(shanghai, { alias: "alias/orders-db", rotation: "30d" });
  dir = tempDir();
  const config = join(dir, "kms.yaml");
  writeFileSync(
    config,
    [
      "version: 1",
      "provider:",
      "  alibaba:",
      "    region: cn-hangzhou",
      `    endpoints: { cn-hangzhou: "${hangzhou.url}", cn-shanghai: "${shanghai.url}" }`,
      "keys:",
      "  - key: alias/orders-db",
      "    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/archive",
      "    rotation: { mode: automatic, interval: 365d }",
      "  - key: alias/orders-db",
      "    region: cn-shanghai",
      "    rotation: { mode: automatic, interval: 90d }",
      "",
    ].join("\n"),
  );
  const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: "test", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "test" };
  const run = { cwd: dir, now: T0, env };
  const all = await driftConfig(config, run);
  if (!all.report) throw new Error(JSON.stringify(all.diagnostics));
  whole = all.report;
  for (const index of [1, 2]) {
    const { report } = await driftConfig(config, { ...run, shard: { index, count: 2 } });
    if (!report) throw new Error(`shard ${index} did not report`);
    writeFileSync(join(dir, `drift-${index}.json`), DRIFT_VIEWS.json(report, { colour: false }));
  }
  const { plan } = await planConfig(config, run);
  if (!plan) throw new Error("no plan");
  writeFileSync(join(dir, "plan.json"), PLAN_VIEWS.json(plan, { colour: false }));
  writeFileSync(join(dir, "hello.json"), '{ "hello": 1 }\n');
}, 60_000);
afterAll(async () => {
  await hangzhou.close();
  await shanghai.close();
});

describe("renderReports", () => {
  it("merges the shards of a run into the report the whole run gives", async () => {
    const { report, diagnostics } = await renderReports(["drift-1.json", "drift-2.json"], { cwd: dir });
    expect(diagnostics).toEqual([]);
    expect(report?.kind).toBe("drift");
    expect(report?.value).toEqual(whole);
    expect(whole.inSync).toBe(false);
    expect(whole.keys.map((k) => [k.key, k.region, k.status])).toEqual([
      ["alias/orders-db", "cn-hangzhou", "in-sync"],
      ["alias/archive", "cn-hangzhou", "drifted"],
      ["alias/orders-db", "cn-shanghai", "drifted"],
    ]);
  });

  it("refuses one shard alone, unless allowPartial: then it keeps its shard and warns", async () => {
    const alone = await renderReports(["drift-2.json"], { cwd: dir });
    expect(alone.report).toBeUndefined();
    expect(alone.diagnostics.map((d) => d.message)).toEqual([
      "shard 1/2 missing: this report covers 1 of 2 shards; render every shard's report together, or add --allow-partial to render only these",
    ]);
    const partial = await renderReports(["drift-2.json"], { cwd: dir, allowPartial: true });
    const value = partial.report?.kind === "drift" ? partial.report.value : undefined;
    expect(value?.shard).toMatchObject({ index: 2, count: 2 });
    expect(value?.keys.map((k) => k.region)).toEqual(["cn-shanghai"]);
    expect(partial.diagnostics).toEqual([
      { severity: "warning", code: "render", message: "shard 1/2 missing: the merged report covers 1 of 2" },
    ]);
  });

  it("refuses mixed kinds, a shard twice, and (before merging) a format the kind lacks", async () => {
    const mixed = await renderReports(["drift-1.json", "plan.json"], { cwd: dir });
    expect(mixed.diagnostics.map((d) => d.message)).toEqual([
      "cannot merge reports of different kinds: drift-1.json is a drift report, plan.json is a plan",
    ]);
    const twice = await renderReports(["drift-1.json", "drift-1.json"], { cwd: dir });
    expect(twice.diagnostics.map((d) => d.message)).toEqual([
      "cannot merge: drift-1.json and drift-1.json are both shard 1/2",
    ]);
    const csv = await renderReports(["drift-1.json", "drift-1.json"], {
      cwd: dir,
      format: "csv",
      rendersAs: reportFormats,
    });
    expect(csv.diagnostics.map((d) => d.message)).toEqual([
      "a drift report cannot be rendered as csv; it renders as text, json, markdown, junit, openmetrics",
    ]);
  });

  it("names every file it cannot use, at once", async () => {
    const { report, diagnostics } = await renderReports(["none.json", "hello.json", "kms.yaml"], {
      cwd: dir,
    });
    expect(report).toBeUndefined();
    expect(diagnostics.map((d) => d.message)).toEqual([
      "cannot read none.json: no such file",
      "hello.json: not a report render knows (plan, drift, audit, forecast, publish: the JSON output of those commands)",
      expect.stringMatching(/^kms\.yaml: not JSON: /),
    ]);
  });
});
