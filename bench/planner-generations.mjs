// The pure planner on 100,000 keys of both service generations: `node bench/planner-generations.mjs mixed`
// puts a quarter of the keys in a software KMS instance and a quarter in an HSM instance; `shared` keeps
// every key in the shared KMS (the fleet of `npm run bench`). Prints the median of five runs. Needs dist/.

import { performance } from "node:perf_hooks";
import { plan } from "../dist/index.js";
import { desiredKeys, halfRotating, observedKey } from "./synthetic-fleet.mjs";

const N = 100_000;
const mixed = process.argv[2] === "mixed";

const desired = desiredKeys(N);

const observations = desired.map((_d, i) => {
  // 1: a software KMS instance, 2: an HSM instance; 0 and 3: the shared KMS.
  const where = mixed ? i % 4 : 0;
  return observedKey(i, {
    ...halfRotating(i),
    protectionLevel: where === 2 ? "HSM" : "SOFTWARE",
    ...(where === 1 || where === 2 ? { dkmsInstanceId: `kst-${where}` } : {}),
  });
});

const times = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  plan(desired, observations, new Date("2026-11-23T00:00:00Z"));
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const median = times[2];
console.log(
  `${mixed ? "mixed" : "shared"}: median ${median.toFixed(0)} ms of 5 ` +
    `(${Math.round(N / (median / 1000)).toLocaleString("en")} keys/s)`,
);
