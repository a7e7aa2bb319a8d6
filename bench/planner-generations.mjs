// The pure planner on 100,000 keys of both service generations: `node bench/planner-generations.mjs mixed`
// puts a quarter of the keys in a software KMS instance and a quarter in an HSM instance; `shared` keeps
// every key in the shared KMS (the fleet of `npm run bench`). Prints the median of five runs. Needs dist/.

import { performance } from "node:perf_hooks";
import { plan } from "../dist/index.js";
import { DAY } from "../dist/model/duration.js";

const N = 100_000;
const mixed = process.argv[2] === "mixed";

const desired = Array.from({ length: N }, (_, i) => ({
  key: `alias/bench-${i}`,
  ref: { kind: "alias", alias: `alias/bench-${i}` },
  region: "cn-hangzhou",
  rotation: i % 4 === 3 ? { mode: "manual", interval: 90 * DAY } : { mode: "automatic", interval: 90 * DAY },
}));

const observations = desired.map((_d, i) => {
  // 1: a software KMS instance, 2: an HSM instance; 0 and 3: the shared KMS.
  const where = mixed ? i % 4 : 0;
  return {
    found: true,
    key: {
      keyId: `k-${i}`,
      arn: `acs:kms:cn-hangzhou:1:key/k-${i}`,
      region: "cn-hangzhou",
      keyState: "Enabled",
      keySpec: i % 4 === 3 ? "RSA_2048" : "Aliyun_AES_256",
      keyUsage: "ENCRYPT/DECRYPT",
      origin: "Aliyun_KMS",
      protectionLevel: where === 2 ? "HSM" : "SOFTWARE",
      creatorType: "User",
      ...(where === 1 || where === 2 ? { dkmsInstanceId: `kst-${where}` } : {}),
      automaticRotation: i % 2 ? "Enabled" : "Disabled",
      rotationInterval: i % 2 ? 90 * DAY : undefined,
      creationDate: "2025-01-01T00:00:00Z",
      lastRotationDate: "2025-01-01T00:00:00Z",
      versionCount: 3,
    },
  };
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
