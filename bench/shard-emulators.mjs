// The helper process of bench/shards.mjs: many emulators (one per account and region) as in-process
// servers of one Node process, which is far cheaper than a process each. Prints one JSON line with where
// each listens, then serves until SIGTERM.
// Usage: node bench/shard-emulators.mjs <spec.json>   spec: { accounts: [{ id, accessKeyId, accessKeySecret }],
//        regions: [..], keys: <per unit>, latencyMs, qps: { read, write, create }, seed: <fleet file> }

import { readFileSync } from "node:fs";
import { startEmulator } from "../dist/emulator/index.js";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const running = [];
for (const account of spec.accounts) {
  for (const region of spec.regions) {
    const emulator = await startEmulator({
      region,
      host: "127.0.0.1",
      port: 0,
      accountId: account.id,
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      seedPath: spec.seed,
      clock: new Date(spec.clock),
      latencyMs: spec.latencyMs,
      qps: spec.qps,
    });
    running.push({ account: account.id, region, url: emulator.url, emulator });
  }
}
process.stdout.write(
  `${JSON.stringify(running.map(({ account, region, url }) => ({ account, region, url })))}\n`,
);

/** Requests each emulator received, for the driver to check one read per key. */
process.on("message", async (message) => {
  if (message !== "stats") return;
  const totals = await Promise.all(
    running.map(async ({ url }) => {
      const stats = await (await fetch(`${url}/__emulator/stats`)).json();
      return Object.values(stats.calls).reduce((a, b) => a + b, 0);
    }),
  );
  process.send?.({ requests: totals.reduce((a, b) => a + b, 0) });
});
process.once("SIGTERM", async () => {
  await Promise.all(running.map(({ emulator }) => emulator.close()));
  process.exit(0);
});
