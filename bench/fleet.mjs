// Fleet figures under the service's quotas (issue 8): emulator processes enforce the quota and add
// latency; the CLI runs as a child process, as a user runs it. For each run: wall time as a multiple of
// the quota floor, requests the service received per key, requests beyond one per needed read or write
// (throttled retries: no faults are injected), and the CLI's peak RSS.
// Usage: node bench/fleet.mjs [--only small|large|<part of a run's name>]     (npm run bench runs it after the other figures)

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const BIN = new URL("../bin/kms-rotation.js", import.meta.url).pathname;
const CLOCK = "2026-06-01T00:00:00Z";
const LEGACY = { read: 20, write: 10, create: 10 };
const CURRENT = { read: 50, write: 30, create: 10 };
const qpsText = (q) => `read=${q.read},write=${q.write},create=${q.create}`;

/** A seed fleet: `update` keys with rotation off, `due` signing keys, the rest needing nothing. */
function seed(n) {
  const entries = [];
  const add = (count, entry) => count > 0 && entries.push({ count, ...entry });
  add(n.update, { alias: "alias/update-{i}", created: "-10d" });
  add(n.due, { alias: "alias/due-{i}", spec: "RSA_2048", created: "-200d" });
  add(n.matched, { alias: "alias/matched-{i}", created: "-10d", rotation: { interval: "30d" } });
  add(n.fresh, { alias: "alias/fresh-{i}", spec: "EC_P256", created: "-10d" });
  return entries;
}

function declared(n, region) {
  const lines = [];
  const keys = (prefix, count, rotation) => {
    for (let i = 1; i <= count; i++)
      lines.push(`  - { key: alias/${prefix}-${i}, region: ${region}, rotation: ${rotation} }`);
  };
  keys("update", n.update, "{ mode: automatic, interval: 30d }");
  keys("due", n.due, "{ mode: manual, interval: 90d }");
  keys("matched", n.matched, "{ mode: automatic, interval: 30d }");
  keys("fresh", n.fresh, "{ mode: manual, interval: 90d }");
  return lines;
}

async function startEmulator(dir, region, fleet, quota) {
  const seedFile = join(dir, `seed-${region}.json`);
  writeFileSync(seedFile, JSON.stringify({ version: 1, keys: seed(fleet) }));
  const args = ["emulator", "--port", "0", "--region", region, "--seed", seedFile, "--clock", CLOCK];
  const child = spawn(process.execPath, [BIN, ...args, "--latency", "30", "--qps", qpsText(quota)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
  return { region, url, stop: () => child.kill("SIGTERM") };
}

async function calls(emu) {
  return (await (await fetch(`${emu.url}/__emulator/stats`)).json()).calls;
}

async function scenario({ name, command, regions, fleet, quota }) {
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-"));
  const emus = await Promise.all(regions.map((r) => startEmulator(dir, r, fleet, quota)));
  try {
    const config = [
      "version: 1",
      "provider:",
      "  alibaba:",
      `    quota: { read: ${quota.read}, write: ${quota.write}, create: ${quota.create} }`,
      "    endpoints:",
      ...emus.map((e) => `      ${e.region}: ${e.url}`),
      "keys:",
      ...regions.flatMap((r) => declared(fleet, r)),
    ].join("\n");
    writeFileSync(join(dir, "kms.yaml"), `${config}\n`);
    // A saved plan is made first, untimed and uncounted: the figures are those of `apply plan.json`.
    const saved = command === "apply-saved";
    if (saved) {
      const made = spawnSync(
        process.execPath,
        [BIN, "plan", "kms.yaml", "--out", "plan.json", "--now", CLOCK],
        {
          cwd: dir,
          encoding: "utf8",
          maxBuffer: 256 * 2 ** 20,
        },
      );
      if (made.status !== 0)
        throw new Error(`${name}: plan --out exit ${made.status}\n${made.stderr.slice(0, 2000)}`);
    }
    const before = await Promise.all(emus.map(calls));
    const args =
      command === "plan"
        ? ["plan", "kms.yaml"]
        : ["apply", saved ? "plan.json" : "kms.yaml", "--auto-approve"];
    const start = performance.now();
    const run = spawnSync(
      "/usr/bin/time",
      ["-f", "%M", "-o", join(dir, "rss"), process.execPath, BIN, ...args, "--now", CLOCK],
      {
        cwd: dir,
        encoding: "utf8",
        maxBuffer: 256 * 2 ** 20,
      },
    );
    const seconds = (performance.now() - start) / 1000;
    const expectedCode = 0;
    if (run.status !== expectedCode)
      throw new Error(`${name}: exit ${run.status}\n${run.stderr.slice(0, 2000)}`);
    const perRegion = await Promise.all(emus.map(calls));
    const total = (action) =>
      perRegion.reduce((sum, c, i) => sum + (c[action] ?? 0) - (before[i]?.[action] ?? 0), 0);
    const keys = regions.length * (fleet.update + fleet.due + fleet.matched + fleet.fresh);
    const reads = total("DescribeKey") + total("ListKeyVersions");
    const writes = total("UpdateRotationPolicy") + total("CreateKeyVersion");
    const perRegionKeys = keys / regions.length;
    const neededReads = perRegionKeys + fleet.due;
    const neededWrites = command === "plan" ? 0 : fleet.update + fleet.due;
    // A saved plan is refused whole if any key moved, so every read comes before the first write: its
    // floor is the two in turn. Otherwise reads and writes overlap, and the slower group is the floor.
    const floor = saved
      ? neededReads / quota.read + neededWrites / quota.write
      : Math.max(neededReads / quota.read, neededWrites / quota.write);
    const extra = reads + writes - regions.length * (neededReads + neededWrites);
    return {
      name,
      seconds,
      floor,
      ratio: seconds / floor,
      callsPerKey: (reads + writes) / keys,
      readsPerKey: reads / keys,
      writes,
      extra,
      peakMiB: Number(readFileSync(join(dir, "rss"), "utf8").trim()) / 1024,
    };
  } finally {
    for (const e of emus) e.stop();
  }
}

const SMALL = [
  {
    name: "plan, 3 regions x 200 keys, quota 20/10/10",
    command: "plan",
    regions: ["cn-hangzhou", "cn-shanghai", "cn-beijing"],
    fleet: { update: 80, due: 0, matched: 60, fresh: 60 },
    quota: LEGACY,
  },
  {
    name: "apply, 240 keys (80 updates, 40 due, 120 unchanged), 1 region, quota 20/10/10",
    command: "apply",
    regions: ["cn-hangzhou"],
    fleet: { update: 80, due: 40, matched: 60, fresh: 60 },
    quota: LEGACY,
  },
  {
    name: "apply plan.json (saved), 240 keys (80 updates, 40 due, 120 unchanged), 1 region, quota 20/10/10",
    command: "apply-saved",
    regions: ["cn-hangzhou"],
    fleet: { update: 80, due: 40, matched: 60, fresh: 60 },
    quota: LEGACY,
  },
  {
    name: "apply, 3 regions x 200 keys (67 updates, 33 due), quota 20/10/10",
    command: "apply",
    regions: ["cn-hangzhou", "cn-shanghai", "cn-beijing"],
    fleet: { update: 67, due: 33, matched: 50, fresh: 50 },
    quota: LEGACY,
  },
];
const FIVE = ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "ap-southeast-1"];
const LARGE = [
  {
    name: "plan, 5 regions x 2,000 keys, quota 50/30/10",
    command: "plan",
    regions: FIVE,
    fleet: { update: 800, due: 0, matched: 600, fresh: 600 },
    quota: CURRENT,
  },
  {
    name: "apply, 5 regions x 2,000 keys (667 updates, 333 due), quota 50/30/10",
    command: "apply",
    regions: FIVE,
    fleet: { update: 667, due: 333, matched: 500, fresh: 500 },
    quota: CURRENT,
  },
];

export async function fleetFigures(only) {
  const all = [...SMALL, ...LARGE];
  // --only small | large | <words in a run's name>, e.g. --only "240 keys"
  const chosen =
    only === "small"
      ? SMALL
      : only === "large"
        ? LARGE
        : only
          ? all.filter((s) => s.name.includes(only))
          : all;
  const rows = [];
  for (const s of chosen) {
    const r = await scenario(s);
    console.error(`${r.name}: ${r.seconds.toFixed(1)} s = ${r.ratio.toFixed(2)}x floor`);
    rows.push(r);
  }
  return rows;
}

export function fleetTable(rows) {
  const head =
    "| run (emulators: --latency 30 and the quota) | wall | floor | x floor | requests/key | reads/key | writes | requests beyond one per read/write | CLI peak RSS |\n|---|---|---|---|---|---|---|---|---|";
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.seconds.toFixed(1)} s | ${r.floor.toFixed(1)} s | ${r.ratio.toFixed(2)} | ${r.callsPerKey.toFixed(3)} | ${r.readsPerKey.toFixed(3)} | ${r.writes} | ${r.extra} | ${r.peakMiB.toFixed(0)} MiB |`,
  );
  return [head, ...body].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
  console.log(fleetTable(await fleetFigures(only)));
}
