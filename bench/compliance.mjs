// Issue 12's figures: audit and forecast of a fleet under the service's legacy read quota (20/s), with
// the calls the service received per key and wall time against the quota floor; and the pure verdict
// and forecast logic on large fleets. In-process emulator, 30 ms latency per call, loopback only.
// Usage: npm run build && node bench/compliance.mjs [--keys 400]

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { auditConfig, forecastConfig, startEmulator } from "../dist/index.js";
// The pure stages are measured directly: they are internals, not part of the library's deliberate list.
import { BASELINE_POLICY, DAY } from "../dist/model/index.js";
import { auditKey, forecast } from "../dist/plan/index.js";
import { renderForecastIcs } from "../dist/render/index.js";

const { values } = parseArgs({ options: { keys: { type: "string", default: "400" } } });
const KEYS = Number(values.keys);
const CLOCK = new Date("2026-06-01T00:00:00Z");
const READ_QPS = 20;

/** A quarter each: automatic 90d, off, manual signing keys (half of them due), BYOK. */
function fleet(n) {
  const q = Math.floor(n / 4);
  return [
    { count: q, alias: "alias/auto-{i}", created: "-10d", rotation: { interval: "90d" } },
    { count: q, alias: "alias/off-{i}", created: "-10d" },
    { count: Math.floor(q / 2), alias: "alias/due-{i}", spec: "RSA_2048", created: "-200d" },
    { count: q - Math.floor(q / 2), alias: "alias/fresh-{i}", spec: "EC_P256", created: "-10d" },
    { count: n - 3 * q, alias: "alias/byok-{i}", origin: "EXTERNAL", state: "PendingImport" },
  ];
}

function config(n, url) {
  const q = Math.floor(n / 4);
  const lines = [];
  const add = (prefix, count, rotation) => {
    for (let i = 1; i <= count; i++) lines.push(`  - { key: alias/${prefix}-${i}, rotation: ${rotation} }`);
  };
  add("auto", q, "{ mode: automatic, interval: 90d }");
  add("off", q, "{ mode: off }");
  add("due", Math.floor(q / 2), "{ mode: manual, interval: 90d }");
  add("fresh", q - Math.floor(q / 2), "{ mode: manual, interval: 90d }");
  add("byok", n - 3 * q, "{ mode: off }");
  const endpoints = `    endpoints: { cn-hangzhou: "${url}" }`;
  return `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\n${endpoints}\nkeys:\n${lines.join("\n")}\n`;
}

async function overHttp(run, label) {
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-12-"));
  const seedPath = join(dir, "fleet.json");
  writeFileSync(seedPath, JSON.stringify({ version: 1, keys: fleet(KEYS) }));
  const emu = await startEmulator({
    region: "cn-hangzhou",
    host: "127.0.0.1",
    port: 0,
    clock: CLOCK,
    seedPath,
    latencyMs: 30,
    qps: { read: READ_QPS, write: 10, create: 10 },
  });
  try {
    const file = join(dir, "kms.yaml");
    writeFileSync(file, config(KEYS, emu.url));
    const start = performance.now();
    const outcome = await run(file, { endpoint: emu.url, now: emu.service.now(), concurrency: 16 });
    const seconds = (performance.now() - start) / 1000;
    const calls = (await (await fetch(`${emu.url}/__emulator/stats`)).json()).calls;
    const reads = Object.values(calls).reduce((a, b) => a + b, 0);
    const needed = (calls.DescribeKey ?? 0) + (calls.ListKeyVersions ?? 0);
    const floor = needed / READ_QPS;
    const errors = outcome.diagnostics.filter((d) => d.severity === "error").length;
    if (errors > 0) console.error(outcome.diagnostics.slice(0, 3));
    console.log(
      `${label}, ${KEYS} keys: ${seconds.toFixed(1)} s, floor ${floor.toFixed(1)} s (${(seconds / floor).toFixed(2)}x); ` +
        `DescribeKey ${calls.DescribeKey ?? 0}, ListKeyVersions ${calls.ListKeyVersions ?? 0}, ` +
        `requests ${reads} (${(reads / KEYS).toFixed(2)} per key), writes ${(calls.UpdateRotationPolicy ?? 0) + (calls.CreateKeyVersion ?? 0)}, errors ${errors}`,
    );
  } finally {
    await emu.close();
  }
}

function pure() {
  const n = 100_000;
  const now = CLOCK.getTime();
  const iso = (ms) => new Date(ms).toISOString().replace(".000", "");
  const observations = Array.from({ length: n }, (_, i) => ({
    found: true,
    key: {
      keyId: `k${i}`,
      arn: `acs:kms:cn-hangzhou:1:key/k${i}`,
      region: "cn-hangzhou",
      keyState: "Enabled",
      keySpec: i % 2 ? "Aliyun_AES_256" : "RSA_2048",
      keyUsage: "ENCRYPT/DECRYPT",
      origin: "Aliyun_KMS",
      protectionLevel: "SOFTWARE",
      creatorType: "User",
      automaticRotation: i % 2 ? "Enabled" : "Disabled",
      ...(i % 2 ? { rotationInterval: 90 * DAY, nextRotationDate: iso(now + (i % 90) * DAY * 1000) } : {}),
      creationDate: iso(now - (i % 400) * DAY * 1000),
      versionCount: 1 + (i % 49),
    },
  }));
  const subjects = observations.map((o, i) => ({
    key: `alias/k${i}`,
    region: "cn-hangzhou",
    declared: i % 2 ? { mode: "automatic", interval: 90 * DAY } : { mode: "manual", interval: 30 * DAY },
  }));
  let start = performance.now();
  for (let i = 0; i < n; i++) auditKey(subjects[i], observations[i], BASELINE_POLICY, CLOCK);
  console.log(`audit verdicts, ${n} keys (pure): ${(performance.now() - start).toFixed(0)} ms`);
  const slice = 10_000;
  start = performance.now();
  const result = forecast(
    subjects.slice(0, slice),
    observations.slice(0, slice),
    CLOCK,
    new Date(now + 365 * DAY * 1000),
  );
  const ms = performance.now() - start;
  const count = result.ok ? result.forecast.rotations.length : result.count;
  console.log(`forecast, ${slice} keys over a year (pure): ${ms.toFixed(0)} ms, ${count} rotations`);
  if (result.ok) {
    start = performance.now();
    const ics = renderForecastIcs({
      ...result.forecast,
      rotations: result.forecast.rotations.slice(0, 50_000),
    });
    console.log(
      `iCalendar of 50000 rotations: ${(performance.now() - start).toFixed(0)} ms, ${(ics.length / 1024 / 1024).toFixed(1)} MiB`,
    );
  }
  start = performance.now();
  const refused = forecast(subjects, observations, CLOCK, new Date(now + 3660 * DAY * 1000));
  console.log(
    `forecast of ${n} keys over 3660d: refused in ${(performance.now() - start).toFixed(0)} ms (${refused.ok ? "listed" : `${refused.count} rotations`})`,
  );
}

pure();
await overHttp(auditConfig, "audit");
await overHttp(forecastConfig, "forecast");
