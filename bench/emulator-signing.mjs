// The emulator's signing operations and its start-up with many asymmetric keys (issue 18):
//   - AsymmetricSign / AsymmetricVerify calls per second through the official SDK (v3 callApi), per spec,
//     and the first use of a version (its key material made then), in-process on loopback;
//   - start-up with 10,000 asymmetric keys from a seed (fresh state) and restart from the state file, each in
//     a fresh process; with --against <another built checkout>, both builds take turns round by round.
// Usage: npm run build && node bench/emulator-signing.mjs [--runs 3] [--against /tmp/before] [--calls 2000]
// Part of `npm run bench` (bench/run.mjs) with the defaults.

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { v3Caller } from "./emulator-sdk.mjs";

const HERE = fileURLToPath(new URL("..", import.meta.url));
const KEYS = 10_000;
const SPECS = [
  ["RSA_2048", "RSA_PSS_SHA_256"],
  ["RSA_3072", "RSA_PKCS1_SHA_256"],
  ["EC_P256", "ECDSA_SHA_256"],
  ["EC_P256K", "ECDSA_SHA_256"],
  ["EC_SM2", "SM2DSA"],
];

/** One process: start on a fresh state seeded with `KEYS` asymmetric keys, close, start again from the file. */
const CHILD = `
const [root, seedPath, statePath] = process.argv.slice(1);
const { startEmulator } = await import(root + "/dist/emulator/index.js");
const t0 = performance.now();
const first = await startEmulator({ region: "cn-hangzhou", port: 0, seedPath, statePath, clock: new Date("2026-01-01T00:00:00Z") });
const t1 = performance.now();
await first.close();
const t2 = performance.now();
const second = await startEmulator({ region: "cn-hangzhou", port: 0, statePath });
const t3 = performance.now();
await second.close();
const { statSync } = await import("node:fs");
console.log(JSON.stringify({ seeded: t1 - t0, restart: t3 - t2, rssMiB: process.memoryUsage().rss / 2 ** 20, bytes: statSync(statePath).size }));
`;

function fleetFile(dir) {
  const path = join(dir, "fleet.yaml");
  const per = KEYS / SPECS.length;
  const keys = SPECS.map(
    ([spec]) => `  - { spec: ${spec}, usage: SIGN/VERIFY, count: ${per}, created: -100d }`,
  );
  writeFileSync(path, `version: 1\nkeys:\n${keys.join("\n")}\n`);
  return path;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Start-up figures per build root, medians over `runs` rounds taken in turns. */
export function startupWithKeys(roots, runs = 3) {
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-signing-"));
  try {
    const seed = fleetFile(dir);
    const samples = new Map(roots.map((root) => [root, []]));
    for (let round = 0; round < runs; round++) {
      for (const root of roots) {
        const statePath = join(dir, `state-${round}-${samples.get(root).length}-${roots.indexOf(root)}.json`);
        const child = spawnSync(
          process.execPath,
          ["--input-type=module", "-e", CHILD, root, seed, statePath],
          {
            encoding: "utf8",
          },
        );
        if (child.status !== 0) throw new Error(`start-up bench failed in ${root}: ${child.stderr}`);
        samples.get(root).push(JSON.parse(child.stdout.trim().split("\n").at(-1)));
      }
    }
    return roots.map((root) => {
      const s = samples.get(root);
      return {
        root,
        seeded: median(s.map((x) => x.seeded)),
        restart: median(s.map((x) => x.restart)),
        rssMiB: median(s.map((x) => x.rssMiB)),
        bytes: median(s.map((x) => x.bytes)),
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sign and verify calls per second per spec through @alicloud/openapi-client (signature v3). */
export async function signingThroughput(calls = 2000, concurrency = 16) {
  const { startEmulator } = await import(pathToFileURL(join(HERE, "dist/emulator/index.js")).href);
  const dir = mkdtempSync(join(tmpdir(), "kms-bench-signing-"));
  const emulator = await startEmulator({
    region: "cn-hangzhou",
    port: 0,
    statePath: join(dir, "state.json"),
  });
  const v3 = v3Caller(emulator.port);
  const call = async (action, query) => (await v3(action, query)).body;
  const rate = async (count, one) => {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < count) await one();
      }),
    );
    return count / ((performance.now() - started) / 1000);
  };
  const rows = [];
  try {
    for (const [spec, algorithm] of SPECS) {
      const keyId = (await call("CreateKey", { KeySpec: spec, KeyUsage: "SIGN/VERIFY" })).KeyMetadata.KeyId;
      const versionId = (await call("ListKeyVersions", { KeyId: keyId })).KeyVersions.KeyVersion[0]
        .KeyVersionId;
      const digest = createHash(algorithm === "SM2DSA" ? "sm3" : "sha256")
        .update("bench")
        .digest("base64");
      const base = { KeyId: keyId, KeyVersionId: versionId, Algorithm: algorithm, Digest: digest };
      const t0 = performance.now();
      await call("GetPublicKey", { KeyId: keyId, KeyVersionId: versionId });
      const firstUse = performance.now() - t0;
      const { Value } = await call("AsymmetricSign", base);
      await rate(100, () => call("AsymmetricSign", base));
      const sign = await rate(calls, () => call("AsymmetricSign", base));
      const verify = await rate(calls, () => call("AsymmetricVerify", { ...base, Value }));
      rows.push({ spec, algorithm, firstUse, sign, verify });
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function signingTable(rows, calls, concurrency) {
  const lines = [
    `Signing through @alicloud/openapi-client (v3), ${calls} calls per row, concurrency ${concurrency}, client in the same process:`,
    "",
    "| spec | algorithm | first use (material made) ms | AsymmetricSign/s | AsymmetricVerify/s |",
    "|---|---|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.spec} | ${r.algorithm} | ${r.firstUse.toFixed(0)} | ${Math.round(r.sign)} | ${Math.round(r.verify)} |`,
    );
  }
  return lines.join("\n");
}

export function startupTable(results) {
  const lines = [
    `Start-up with ${KEYS.toLocaleString("en")} asymmetric keys (5 specs, SIGN/VERIFY), medians, each in a fresh process:`,
    "",
    "| build | seeded start (fresh state) ms | restart from the state file ms | RSS MiB | state file bytes |",
    "|---|---:|---:|---:|---:|",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.root} | ${r.seeded.toFixed(0)} | ${r.restart.toFixed(0)} | ${r.rssMiB.toFixed(0)} | ${r.bytes} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      runs: { type: "string", default: "3" },
      against: { type: "string" },
      calls: { type: "string", default: "2000" },
      concurrency: { type: "string", default: "16" },
    },
  });
  const roots = [HERE.replace(/\/$/, ""), ...(values.against ? [resolve(values.against)] : [])];
  const calls = Number(values.calls);
  const concurrency = Number(values.concurrency);
  console.log("command: node bench/emulator-signing.mjs", process.argv.slice(2).join(" "));
  console.log(`node ${process.version} on ${process.platform}/${process.arch}\n`);
  console.log(startupTable(startupWithKeys(roots, Number(values.runs))));
  console.log(`\n${signingTable(await signingThroughput(calls, concurrency), calls, concurrency)}`);
}
