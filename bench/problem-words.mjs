// The planner and the plan JSON of 100,000 keys whose reasons and warnings are data: a quarter blocked in an
// HSM instance, a quarter manual near the version cap. `node bench/problem-words.mjs [dist-dir]` (default: this
// checkout's dist/, so `npm run build` first); prints the median of 7 runs of each stage, in ms.
import { performance } from "node:perf_hooks";
import { desiredKeys, observedKey } from "./synthetic-fleet.mjs";

const dist = process.argv[2] ?? new URL("../dist", import.meta.url).pathname;
const { plan, planToJson } = await import(`${dist}/index.js`);
const DAY = 86400;
const N = 100_000;
const desired = desiredKeys(N, { prefix: "b", manualInterval: 7 * DAY });
const now = new Date("2026-11-23T00:00:00Z");
const obs = desired.map((_d, i) =>
  observedKey(i, {
    protectionLevel: i % 4 === 2 ? "HSM" : "SOFTWARE",
    ...(i % 4 === 2 ? { dkmsInstanceId: "kst-h" } : {}),
    creationDate: "2024-01-01T00:00:00Z",
    lastRotationDate: "2026-11-15T00:00:00Z",
    versionCount: 46,
  }),
);
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
