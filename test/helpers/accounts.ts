// Two accounts x two regions of emulators with different credentials, and a config declaring keys in
// all four (account, region) units: account A by profile `team-a`, account B by its role through STS.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { type CliRun, runCli } from "./cli.js";
import { advanceDays, createKey, T0, tempDir } from "./fleet.js";

export const A = "1111111111111111";
export const B = "2222222222222222";
export const ROLE_B = `acs:ram::${B}:role/kms-rotation`;

export interface AccountsWorld {
  readonly dir: string;
  readonly config: string;
  /** --now for every command: 200 days after the keys were made. */
  readonly now: string;
  /** [cn-hangzhou, cn-shanghai] of each account. */
  readonly a: readonly RunningEmulator[];
  readonly b: readonly RunningEmulator[];
  /** `account region key` -> the action an unsharded plan gives it. */
  readonly expected: Record<string, string>;
  /** Writes apply makes on a[0], a[1], b[0], b[1]. */
  readonly writesPerEmulator: readonly number[];
  close(): Promise<void>;
}

export interface AccountsOptions {
  /** Longest STS credentials B's emulators issue, in seconds. */
  readonly sessionSeconds?: number;
  readonly latencyMs?: number;
  /** Extra keys per unit of account B (for long runs). */
  readonly extraKeysB?: number;
  /** Account B's role as the config names it (a wrong one to see it fail). */
  readonly roleArn?: string;
  /** Account A's profile as the config names it. */
  readonly profile?: string;
}

const REGIONS = ["cn-hangzhou", "cn-shanghai"] as const;

export async function startAccounts(options: AccountsOptions = {}): Promise<AccountsWorld> {
  const start = (account: string, region: string, own: { accessKeyId: string; accessKeySecret: string }) =>
    startEmulator({
      region,
      port: 0,
      host: "127.0.0.1",
      clock: T0,
      accountId: account,
      ...own,
      ...(account === B ? { roles: [ROLE_B] } : {}),
      ...(account === B && options.sessionSeconds ? { maxSessionSeconds: options.sessionSeconds } : {}),
      ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    });
  const a = await Promise.all(
    REGIONS.map((r) => start(A, r, { accessKeyId: "ak-a", accessKeySecret: "sk-a" })),
  );
  const b = await Promise.all(
    REGIONS.map((r) => start(B, r, { accessKeyId: "ak-b", accessKeySecret: "sk-b" })),
  );
  const [aHz, aSh] = a as [RunningEmulator, RunningEmulator];
  const [bHz, bSh] = b as [RunningEmulator, RunningEmulator];
  // The same aliases in every unit, in different states: a key read in the wrong account shows.
  createKey(aHz, { alias: "alias/orders" });
  createKey(aSh, { alias: "alias/orders", rotation: "7776000s" });
  createKey(bHz, { alias: "alias/orders" });
  createKey(bSh, { alias: "alias/orders", rotation: "7776000s" });
  for (const emu of [aHz, aSh, bHz, bSh]) createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
  const byArn = createKey(bHz, { rotation: "30d" });
  const extra: string[] = [];
  for (let i = 0; i < (options.extraKeysB ?? 0); i++) {
    for (const [emu, region] of [
      [bHz, "cn-hangzhou"],
      [bSh, "cn-shanghai"],
    ] as const) {
      createKey(emu, { alias: `alias/extra-${i}`, rotation: "7776000s" });
      extra.push(
        `  - { key: alias/extra-${i}, account: "${B}", region: ${region}, rotation: { mode: automatic, interval: 90d } }`,
      );
    }
  }
  for (const emu of [aHz, aSh, bHz, bSh]) advanceDays(emu, 200);
  const dir = tempDir();
  const config = join(dir, "kms.yaml");
  const auto = "rotation: { mode: automatic, interval: 90d }";
  writeFileSync(
    config,
    [
      "version: 1",
      "provider:",
      "  alibaba:",
      "    accounts:",
      `      "${A}":`,
      `        profile: ${options.profile ?? "team-a"}`,
      `        endpoints: { cn-hangzhou: "${aHz.url}", cn-shanghai: "${aSh.url}" }`,
      `      "${B}":`,
      `        roleArn: ${options.roleArn ?? ROLE_B}`,
      `        stsEndpoint: "${bHz.url}"`,
      `        endpoints: { cn-hangzhou: "${bHz.url}", cn-shanghai: "${bSh.url}" }`,
      "defaults:",
      "  region: cn-hangzhou",
      `  account: "${A}"`,
      "keys:",
      `  - { key: alias/orders, ${auto} }`,
      `  - { key: alias/orders, region: cn-shanghai, ${auto} }`,
      `  - { key: alias/orders, account: "${B}", ${auto} }`,
      `  - { key: alias/orders, account: "${B}", region: cn-shanghai, ${auto} }`,
      "  - { key: alias/signer, rotation: { mode: manual, interval: 180d } }",
      "  - { key: alias/signer, region: cn-shanghai, rotation: { mode: manual, interval: 365d } }",
      `  - { key: alias/signer, account: "${B}", rotation: { mode: manual, interval: 180d } }`,
      `  - { key: alias/signer, account: "${B}", region: cn-shanghai, rotation: { mode: manual, interval: 180d } }`,
      `  - { key: "acs:kms:cn-hangzhou:${B}:key/${byArn}", rotation: { mode: off } }`,
      ...extra,
      "",
    ].join("\n"),
  );
  const expected: Record<string, string> = {
    [`${A} cn-hangzhou alias/orders`]: "update-rotation-policy",
    [`${A} cn-shanghai alias/orders`]: "none",
    [`${B} cn-hangzhou alias/orders`]: "update-rotation-policy",
    [`${B} cn-shanghai alias/orders`]: "none",
    [`${A} cn-hangzhou alias/signer`]: "create-key-version",
    [`${A} cn-shanghai alias/signer`]: "none",
    [`${B} cn-hangzhou alias/signer`]: "create-key-version",
    [`${B} cn-shanghai alias/signer`]: "create-key-version",
    [`${B} cn-hangzhou acs:kms:cn-hangzhou:${B}:key/${byArn}`]: "update-rotation-policy",
  };
  for (let i = 0; i < (options.extraKeysB ?? 0); i++) {
    for (const region of REGIONS) expected[`${B} ${region} alias/extra-${i}`] = "none";
  }
  return {
    dir,
    config,
    now: new Date(T0.getTime() + 200 * 86_400_000).toISOString(),
    a,
    b,
    expected,
    writesPerEmulator: [2, 0, 3, 1],
    close: async () => {
      await Promise.all([...a, ...b].map((e) => e.close()));
    },
  };
}

export async function controlStats(
  emu: RunningEmulator,
): Promise<{ calls: Record<string, number>; callers: Record<"access-key" | "sts", number> }> {
  const response = await fetch(`${emu.url}/__emulator/stats`);
  return (await response.json()) as never;
}

/** A key of a plan, drift, audit or forecast JSON report, as these tests compare them. */
export interface Entry {
  key: string;
  account?: string;
  region: string;
  action?: string;
  status?: string;
}

export const identity = (e: Entry) => `${e.account ?? "-"} ${e.region} ${e.key}`;

/** `plan <config> --format json --now <world.now> ...args` in the world's folder, its JSON parsed when there is one. */
export async function planWorld(
  world: AccountsWorld,
  args: readonly string[],
): Promise<CliRun & { json?: { keys: Entry[]; shard?: unknown } }> {
  const run = await runCli(world.dir, [
    "plan",
    world.config,
    "--format",
    "json",
    "--now",
    world.now,
    ...args,
  ]);
  return {
    ...run,
    json: run.code <= 2 && run.out ? (JSON.parse(run.out) as { keys: Entry[]; shard?: unknown }) : undefined,
  };
}

/**
 * The credentials the two accounts are read with, in the process environment, where @alicloud/credentials
 * reads them: account A's in a profile of a credentials file, the default chain (B's role path) by env.
 */
export function useAccountCredentials(): void {
  const names = [
    "ALIBABA_CLOUD_CREDENTIALS_FILE",
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  ];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  beforeAll(() => {
    const file = join(tempDir(), "credentials");
    writeFileSync(file, "[team-a]\ntype = access_key\naccess_key_id = ak-a\naccess_key_secret = sk-a\n");
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "ak-b";
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "sk-b";
  });
  afterAll(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
}
