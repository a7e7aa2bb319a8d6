// Many accounts, sharded (issue 13): A accounts x R regions x K keys planned by 1, 4 and 10 shards side by
// side, each shard a CLI process as a CI matrix or an Indexed Job runs it. The emulators (one per account
// and region, the service's default quota 20/10/10 and 30 ms latency) are in-process servers of one
// helper process (bench/shard-emulators.mjs). Each account reads with its own credentials (a profile).
// For each shard count: the slowest shard's wall time against the quota floor of its units (a unit
// needs K reads at 20/s; a shard's units run in parallel), and the whole run against the one-process run.
// Usage: node bench/shards.mjs [--accounts 20 --regions 5 --keys 200 --shards 1,4,10]

import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const BIN = new URL("../bin/kms-rotation.js", import.meta.url).pathname;
const HELPER = new URL("./shard-emulators.mjs", import.meta.url).pathname;
const CLOCK = "2026-06-01T00:00:00Z";
const QUOTA = { read: 20, write: 10, create: 10 };
const REGIONS = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1", "eu-central-1"];

export async function shardFigures(options = {}) {
  const accounts = options.accounts ?? 20;
  const regions = REGIONS.slice(0, options.regions ?? 5);
  const keys = options.keys ?? 200;
  const dir = mkdtempSync(join(tmpdir(), "kms-shards-"));
  const ids = Array.from({ length: accounts }, (_, i) => String(1_000_000_000_000_000 + i + 1).slice(0, 16));
  const credentials = join(dir, "credentials");
  writeFileSync(
    credentials,
    ids
      .map(
        (id) => `[acct-${id}]\ntype = access_key\naccess_key_id = ak-${id}\naccess_key_secret = sk-${id}\n`,
      )
      .join("\n"),
  );
  const seed = join(dir, "seed.json");
  const half = Math.floor(keys / 2);
  writeFileSync(
    seed,
    JSON.stringify({
      version: 1,
      keys: [
        { count: half, alias: "alias/update-{i}", created: "-10d" },
        { count: keys - half, alias: "alias/matched-{i}", created: "-10d", rotation: { interval: "30d" } },
      ],
    }),
  );
  const spec = join(dir, "spec.json");
  writeFileSync(
    spec,
    JSON.stringify({
      accounts: ids.map((id) => ({ id, accessKeyId: `ak-${id}`, accessKeySecret: `sk-${id}` })),
      regions,
      seed,
      clock: CLOCK,
      latencyMs: 30,
      qps: QUOTA,
    }),
  );
  const helper = spawn(process.execPath, [HELPER, spec], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  helper.on("error", () => {}); // a stats request racing its exit
  try {
    const units = await firstLine(helper);
    const config = writeConfig(dir, ids, regions, units, keys, half);
    const env = { ...process.env, ALIBABA_CLOUD_CREDENTIALS_FILE: credentials };
    const runs = [];
    for (const n of options.shards ?? [1, 4, 10]) {
      const before = await requests(helper);
      runs.push({ n, ...(await runShards(config, n, env)), requests: (await requests(helper)) - before });
    }
    return { accounts, regions: regions.length, keys, runs, floor: keys / QUOTA.read };
  } finally {
    helper.kill("SIGTERM");
  }
}

function writeConfig(dir, ids, regions, units, keys, half) {
  const lines = ["version: 1", "provider:", "  alibaba:", "    accounts:"];
  for (const id of ids) {
    const endpoints = units.filter((u) => u.account === id).map((u) => `${u.region}: "${u.url}"`);
    lines.push(`      "${id}": { profile: acct-${id}, endpoints: { ${endpoints.join(", ")} } }`);
  }
  lines.push("keys:");
  for (const id of ids) {
    for (const region of regions) {
      for (let i = 1; i <= keys; i++) {
        const name = i <= half ? `update-${i}` : `matched-${i - half}`;
        lines.push(
          `  - { key: alias/${name}, account: "${id}", region: ${region}, rotation: { mode: automatic, interval: 30d } }`,
        );
      }
    }
  }
  const file = join(dir, "kms.yaml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** n CLI processes at once, one per shard; each one's wall time and key count. */
async function runShards(config, n, env) {
  const start = performance.now();
  const shards = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      run(
        [
          BIN,
          "plan",
          config,
          "--format",
          "json",
          "--now",
          CLOCK,
          // A generous bound on one call: on an overloaded machine calls queue, and that shows as time.
          "--timeout",
          "60s",
          ...(n > 1 ? ["--shard", `${i + 1}/${n}`] : []),
        ],
        env,
      ).then(({ out, code }) => {
        const wall = (performance.now() - start) / 1000;
        let plan;
        try {
          plan = JSON.parse(out);
        } catch {
          return { wall, keys: 0, errors: Number.NaN, code };
        }
        return {
          errors: plan.keys.filter((k) => k.action === "error").length,
          code,
          wall,
          keys: plan.keys.length,
          units: plan.shard?.units.length,
        };
      }),
    ),
  );
  return { whole: (performance.now() - start) / 1000, shards };
}

function run(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ out, code }));
  });
}

function firstLine(child) {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const end = out.indexOf("\n");
      if (end >= 0) resolve(JSON.parse(out.slice(0, end)));
    });
    child.once("exit", (code) => reject(new Error(`emulator helper exited ${code}`)));
  });
}

function requests(helper) {
  return new Promise((resolve) => {
    helper.once("message", (m) => resolve(m.requests));
    helper.send("stats");
  });
}

export function shardTable(figures) {
  const one = figures.runs.find((r) => r.n === 1)?.whole;
  const total = figures.accounts * figures.regions * figures.keys;
  const rows = figures.runs.map((r) => {
    const slowest = r.shards.reduce((a, b) => (b.wall > a.wall ? b : a));
    const covered = r.shards.reduce((s, x) => s + x.keys, 0);
    const errors = r.shards.reduce((s, x) => s + x.errors, 0);
    return `| ${r.n} | ${slowest.wall.toFixed(1)} s (${slowest.units ?? figures.accounts * figures.regions} units) | ${figures.floor.toFixed(1)} s | ${(slowest.wall / figures.floor).toFixed(2)} | ${r.whole.toFixed(1)} s | ${one ? (r.whole / one).toFixed(2) : "-"} | ${covered === total ? "all" : `${covered} of ${total}`} | ${errors} | ${(r.requests / total).toFixed(3)} |`;
  });
  return [
    `${figures.accounts} accounts x ${figures.regions} regions x ${figures.keys} keys, emulators at 20/10/10 QPS and 30 ms latency`,
    "",
    "| shards | slowest shard (its units) | its quota floor | x floor | whole run | x one process | keys covered | keys not read | requests/key |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      accounts: { type: "string", default: "20" },
      regions: { type: "string", default: "5" },
      keys: { type: "string", default: "200" },
      shards: { type: "string", default: "1,4,10" },
    },
  });
  const figures = await shardFigures({
    accounts: Number(values.accounts),
    regions: Number(values.regions),
    keys: Number(values.keys),
    shards: values.shards.split(",").map(Number),
  });
  console.log(shardTable(figures));
}
