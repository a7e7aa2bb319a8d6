// `node bench/signing.mjs` (after `npm run build`): what signing keys cost. (1) The pure planner on 100,000
// signing keys (three versions each, a pointer, the lifecycle decided per key) against the same keys
// declared manual without signing:. (2) publish of 200 EC_P256 signing keys through the official SDK
// against the in-process emulator: calls per action (the section 12 budget) and wall time against the
// read-quota floor.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { plan, publishKeys, startEmulator } from "../dist/index.js";

const DAY = 86400;
const N = 100_000;

function desired(i, signing) {
  return {
    key: `alias/signer-${i}`,
    ref: { kind: "alias", alias: `alias/signer-${i}` },
    region: "cn-hangzhou",
    rotation: { mode: "manual", interval: 90 * DAY },
    ...(signing ? { signing: { publishAhead: DAY, verifyFor: 7 * DAY } } : {}),
  };
}

function observed(i) {
  const versions = [0, 1, 2].map((v) => ({
    keyVersionId: `v-${i}-${v}`,
    creationDate: new Date(Date.UTC(2026, 0, 1) + v * 90 * DAY * 1000).toISOString().replace(".000", ""),
  }));
  return {
    found: true,
    key: {
      keyId: `k-${i}`,
      arn: `acs:kms:cn-hangzhou:1:key/k-${i}`,
      region: "cn-hangzhou",
      keyState: "Enabled",
      keySpec: "EC_P256",
      keyUsage: "SIGN/VERIFY",
      origin: "Aliyun_KMS",
      protectionLevel: "SOFTWARE",
      creatorType: "User",
      automaticRotation: "Disabled",
      creationDate: "2026-01-01T00:00:00Z",
      lastRotationDate: versions[2].creationDate,
      versionCount: 3,
      signing: {
        versions,
        activeVersion: versions[i % 2 ? 2 : 1].keyVersionId,
        activeSince: versions[1].creationDate,
      },
    },
  };
}

function timePlan(signing) {
  const keys = Array.from({ length: N }, (_, i) => desired(i, signing));
  const obs = Array.from({ length: N }, (_, i) => observed(i));
  const now = new Date("2026-07-10T00:00:00Z");
  const runs = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    plan(keys, obs, now);
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[2];
}

const plain = timePlan(false);
const signed = timePlan(true);
console.log(`| planner, ${N.toLocaleString("en")} manual keys | median of 5 |`);
console.log(
  `| without signing: | ${plain.toFixed(0)} ms (${Math.round(N / (plain / 1000)).toLocaleString("en")} keys/s) |`,
);
console.log(
  `| with signing: (lifecycle per key) | ${signed.toFixed(0)} ms (${Math.round(N / (signed / 1000)).toLocaleString("en")} keys/s) |`,
);

// (2) publish through the SDK.
const KEYS = 200;
const READ_QPS = 100;
const dir = mkdtempSync(join(tmpdir(), "kms-bench-signing-"));
const emu = await startEmulator({
  port: 0,
  host: "127.0.0.1",
  region: "cn-hangzhou",
  clock: new Date("2026-01-01T00:00:00Z"),
});
try {
  const lines = ["version: 1", "provider: { alibaba: { region: cn-hangzhou } }", "keys:"];
  for (let i = 0; i < KEYS; i++) {
    const made = emu.service.call("CreateKey", { KeySpec: "EC_P256", KeyUsage: "SIGN/VERIFY" });
    const keyId = made.body.KeyMetadata.KeyId;
    emu.service.call("CreateAlias", { KeyId: keyId, AliasName: `alias/signer-${i}` });
    const now = emu.service.now().toISOString();
    const tags = JSON.stringify([
      { TagKey: "kms-rotation:active-version", TagValue: made.body.KeyMetadata.PrimaryKeyVersion ?? "" },
      { TagKey: "kms-rotation:active-since", TagValue: now.replace(/\.\d{3}Z$/, "Z") },
    ]);
    const versions = emu.service.call("ListKeyVersions", { KeyId: keyId }).body.KeyVersions.KeyVersion;
    const id = versions[0].KeyVersionId;
    emu.service.call("TagResource", {
      KeyId: keyId,
      Tags: tags.replace(/"TagValue":""/, `"TagValue":"${id}"`),
    });
    lines.push(`  - { key: alias/signer-${i}, rotation: { mode: manual, interval: 90d }, signing: {} }`);
  }
  const file = join(dir, "kms.yaml");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const before = (await (await fetch(`${emu.url}/__emulator/stats`)).json()).calls;
  const t = performance.now();
  const { report, diagnostics } = await publishKeys(file, {
    endpoint: emu.url,
    now: emu.service.now(),
    qps: { read: READ_QPS, write: 10, create: 10 },
  });
  const wall = performance.now() - t;
  if (!report) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  const after = (await (await fetch(`${emu.url}/__emulator/stats`)).json()).calls;
  const calls = Object.fromEntries(
    Object.keys(after)
      .map((a) => [a, (after[a] ?? 0) - (before[a] ?? 0)])
      .filter(([, n]) => n > 0),
  );
  const reads = Object.values(calls).reduce((a, b) => a + b, 0);
  const floor = (reads / READ_QPS) * 1000;
  console.log(`\n| publish, ${KEYS} EC_P256 keys, --qps read=${READ_QPS} | |`);
  console.log(
    `| calls | ${Object.entries(calls)
      .map(([a, n]) => `${a} ${n}`)
      .join(", ")} |`,
  );
  console.log(
    `| wall | ${(wall / 1000).toFixed(2)} s; read-quota floor ${(floor / 1000).toFixed(2)} s (ratio ${(wall / floor).toFixed(2)}) |`,
  );
} finally {
  await emu.close();
}
