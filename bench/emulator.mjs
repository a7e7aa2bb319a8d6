// Throughput of the emulator's signed RPC path: DescribeKey through the official SDKs, both signature versions.
// Loopback only, bounded in count and time. Client and server share this process, so figures include the SDK.

import kmsModule from "@alicloud/kms20160120";
import rpcModule from "@alicloud/rpc-client";
import { startEmulator } from "../dist/emulator/index.js";
import { emulatorTarget, v3Caller } from "./emulator-sdk.mjs";

const KEYS = 50;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const TIME_LIMIT_MS = 30_000;

const emulator = await startEmulator({ region: "cn-hangzhou", port: 0, host: "127.0.0.1" });
const v1 = new kmsModule.default(new rpcModule.Config(emulatorTarget(emulator.port)));
const v3 = v3Caller(emulator.port);

const keyIds = [];
for (let i = 0; i < KEYS; i++) {
  const created = await v1.createKey(new kmsModule.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
  keyIds.push(created.keyMetadata.keyId);
}

const describeV1 = (keyId) => v1.describeKey(new kmsModule.DescribeKeyRequest({ keyId }));
const describeV3 = (keyId) => v3("DescribeKey", { KeyId: keyId });

/** `count` calls, `concurrency` at a time; per-call latencies and the wall time. */
async function measure(call, count, concurrency) {
  const latencies = [];
  let next = 0;
  const deadline = performance.now() + TIME_LIMIT_MS;
  const worker = async () => {
    while (next < count && performance.now() < deadline) {
      const keyId = keyIds[next++ % keyIds.length];
      const started = performance.now();
      await call(keyId);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
  };
}

const rows = [];
for (const [label, call] of [
  ["v1 HMAC-SHA1 (@alicloud/kms20160120)", describeV1],
  ["v3 ACS3-HMAC-SHA256 (@alicloud/openapi-client)", describeV3],
]) {
  await measure(call, 200, CONCURRENCY);
  rows.push([label, await measure(call, REQUESTS, CONCURRENCY)]);
}
await emulator.close();

console.log("command: npm run bench:emulator (node bench/emulator.mjs)");
console.log(
  `node ${process.version} on ${process.platform}/${process.arch}; ${KEYS} keys; concurrency ${CONCURRENCY}`,
);
console.log("");
console.log("| signature | requests | seconds | DescribeKey/s | p50 ms | p99 ms |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const [label, r] of rows) {
  console.log(
    `| ${label} | ${r.requests} | ${r.seconds.toFixed(2)} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} |`,
  );
}
