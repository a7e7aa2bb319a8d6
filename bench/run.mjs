// `npm run bench`: the figures the project tracks, on this machine. Loopback only, bounded in count and time.
//   - planner throughput (pure, no I/O) on 100,000 keys
//   - plan and apply of thousands of keys through the official SDK against the in-process emulator
//   - CLI start-up for --help, validate and plan (bench/startup.mjs; nothing heavy may sit on that path)
//   - fleet runs under the service's quotas (bench/fleet.mjs): wall time against the quota floor
//   - validate's cost on huge and hostile config files (bench/bounded-input.mjs)
//   - many accounts planned by 1, 4 and 10 shards (bench/shards.mjs): slowest shard against its floor
//   - the emulator's AsymmetricSign/Verify per second and start-up with 10,000 asymmetric keys
//     (bench/emulator-signing.mjs)
// Usage: npm run bench [-- --keys 5000 --concurrency 32] [-- --fleet small|large|none]
//        [-- --shards full|small|none] [-- --signing none] [-- --memory all|validate|none]
//        shards full: 20 accounts x 5 regions x 200 keys; small: 5 x 5 x 200

import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { applyPlan, createKms, observeKeys, plan, startEmulator } from "../dist/index.js";
import { DAY } from "../dist/model/duration.js";
import { boundedInput } from "./bounded-input.mjs";
import { signingTable, signingThroughput, startupTable, startupWithKeys } from "./emulator-signing.mjs";
import { fleetFigures, fleetTable } from "./fleet.mjs";
import { memoryFigures } from "./memory.mjs";
import { shardFigures, shardTable } from "./shards.mjs";
import { startupFigures } from "./startup.mjs";
import { desiredKeys, halfRotating, observedKey } from "./synthetic-fleet.mjs";

const { values } = parseArgs({
  options: {
    keys: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "32" },
    fleet: { type: "string", default: "all" },
    shards: { type: "string", default: "small" },
    signing: { type: "string", default: "all" },
    memory: { type: "string", default: "all" },
  },
});
const KEYS = Number(values.keys);
const CONCURRENCY = Number(values.concurrency);
const rows = [];
const record = (what, figure) => {
  rows.push([what, figure]);
  console.error(`${what}: ${figure}`);
};

function plannerThroughput() {
  const n = 100_000;
  const desired = desiredKeys(n);
  const observations = desired.map((_d, i) => observedKey(i, halfRotating(i)));
  const start = performance.now();
  const p = plan(desired, observations, new Date("2026-11-23T00:00:00Z"));
  const ms = performance.now() - start;
  record(
    "planner, 100,000 keys (pure)",
    `${ms.toFixed(0)} ms (${Math.round(n / (ms / 1000)).toLocaleString("en")} keys/s), ${p.summary.changes} changes`,
  );
}

async function endToEnd() {
  const emu = await startEmulator({ region: "cn-hangzhou", clock: new Date("2026-01-01T00:00:00Z") });
  try {
    for (let i = 0; i < KEYS; i++) {
      const spec = i % 4 === 3 ? "RSA_2048" : "Aliyun_AES_256";
      const usage = i % 4 === 3 ? "SIGN/VERIFY" : "ENCRYPT/DECRYPT";
      const body = emu.service.call("CreateKey", { KeySpec: spec, KeyUsage: usage });
      emu.service.call("CreateAlias", { KeyId: body.body.KeyMetadata.KeyId, AliasName: `alias/bench-${i}` });
    }
    emu.service.advanceClock(100 * DAY);
    const kms = createKms({
      region: "cn-hangzhou",
      endpoint: emu.url,
      credentials: { accessKeyId: "local", accessKeySecret: "local" },
      concurrency: CONCURRENCY,
      // The in-process emulator has no quota: this measures the client's own throughput, unpaced.
      quota: { read: 100_000, write: 100_000, create: 100_000 },
    });
    const desired = desiredKeys(KEYS);
    const now = emu.service.now();
    const rss0 = process.memoryUsage().rss;
    let start = performance.now();
    const observations = await observeKeys(desired, () => kms, { concurrency: CONCURRENCY, now });
    const p = plan(desired, observations, now);
    const planMs = performance.now() - start;
    record(
      `plan, ${KEYS} keys over HTTP (concurrency ${CONCURRENCY})`,
      `${(planMs / 1000).toFixed(2)} s (${Math.round(KEYS / (planMs / 1000))} keys/s), ${p.summary.changes} changes`,
    );
    start = performance.now();
    const result = await applyPlan(p, () => kms, { now, concurrency: CONCURRENCY });
    const applyMs = performance.now() - start;
    record(
      `apply, ${result.summary.applied} changes over HTTP`,
      `${(applyMs / 1000).toFixed(2)} s (${Math.round(result.summary.applied / (applyMs / 1000))} changes/s), ${result.summary.failed} failed`,
    );
    record(
      "RSS growth during plan + apply",
      `${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MiB`,
    );
    const calls = await (await fetch(`${emu.url}/__emulator/stats`)).json();
    record("KMS calls made", JSON.stringify(calls.calls));
  } finally {
    await emu.close();
  }
}

function startup() {
  for (const { label, ms, runs } of startupFigures(15)) {
    record(`CLI start-up, ${label}`, `${ms[0].toFixed(0)} ms per run (median of ${runs})`);
  }
}

plannerThroughput();
await endToEnd();
startup();
boundedInput(record);
if (values.memory !== "none") {
  // Peak RSS of validate and plan of 100,000 keys on Node 20, 22 and 24 (bench/memory.mjs).
  await memoryFigures(record, values.memory === "validate" ? { planKeys: 0 } : {});
}
console.log(
  `\nkms-rotation bench on Node ${process.version}, ${(await import("node:os")).cpus().length} cores: npm run bench -- --keys ${KEYS} --concurrency ${CONCURRENCY}\n`,
);
console.log("| what | figure |\n|---|---|");
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);
if (values.fleet !== "none") {
  const fleet = await fleetFigures(values.fleet === "all" ? undefined : values.fleet);
  console.log(`\nFleet runs under the service's quotas (bench/fleet.mjs):\n\n${fleetTable(fleet)}`);
}
if (values.shards !== "none") {
  // The full size (100 units) needs more CPU than 2 cores have for the quota's pace; see RESULTS.md.
  const shards = await shardFigures(values.shards === "full" ? {} : { accounts: 5 });
  console.log(`\nMany accounts, sharded (bench/shards.mjs):\n\n${shardTable(shards)}`);
}
if (values.signing !== "none") {
  const root = fileURLToPath(new URL("..", import.meta.url)).replace(/\/$/, "");
  console.log(
    `\nThe emulator's signing (bench/emulator-signing.mjs):\n\n${startupTable(startupWithKeys([root]))}`,
  );
  console.log(`\n${signingTable(await signingThroughput(2000, 16), 2000, 16)}`);
}
