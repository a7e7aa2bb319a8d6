// The planner and the plan JSON of 100,000 keys whose reasons and warnings are data: a quarter blocked in an
// HSM instance, a quarter manual near the version cap. `node bench/problem-words.mjs [dist-dir]` (default: this
// checkout's dist/, so `npm run build` first); prints the median of 7 runs of each stage, in ms.
import { performance } from "node:perf_hooks";

const dist = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
const { plan, planToJson } = await import(`${dist}/index.js`);
const DAY = 86400;
const N = 100_000;
const desired = Array.from({ length: N }, (_, i) => ({
  key: `alias/b-${i}`,
  ref: { kind: "alias", alias: `alias/b-${i}` },
  region: "cn-hangzhou",
  rotation: i % 4 === 3 ? { mode: "manual", interval: 7 * DAY } : { mode: "automatic", interval: 90 * DAY },
}));
const now = new Date("2026-11-23T00:00:00Z");
const obs = desired.map((_d, i) => ({
  found: true,
  key: {
    keyId: `k-${i}`,
    arn: `acs:kms:cn-hangzhou:1:key/k-${i}`,
    region: "cn-hangzhou",
    keyState: "Enabled",
    keySpec: i % 4 === 3 ? "RSA_2048" : "Aliyun_AES_256",
    keyUsage: "ENCRYPT/DECRYPT",
    origin: "Aliyun_KMS",
    protectionLevel: i % 4 === 2 ? "HSM" : "SOFTWARE",
    creatorType: "User",
    ...(i % 4 === 2 ? { dkmsInstanceId: "kst-h" } : {}),
    automaticRotation: "Disabled",
    creationDate: "2024-01-01T00:00:00Z",
    lastRotationDate: "2026-11-15T00:00:00Z",
    versionCount: 46,
  },
}));
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const tp = [],
  tj = [];
let p;
for (let r = 0; r < 7; r++) {
  let t = performance.now();
  p = plan(desired, obs, now);
  tp.push(performance.now() - t);
  t = performance.now();
  JSON.stringify(planToJson(p));
  tj.push(performance.now() - t);
}
const w = p.keys.reduce((n, k) => n + k.warnings.length, 0),
  b = p.summary.blocked;
console.log(
  `${dist}: plan ${med(tp).toFixed(0)} ms, planToJson+stringify ${med(tj).toFixed(0)} ms (${b} blocked, ${w} warnings)`,
);
