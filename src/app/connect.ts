// Turn a config's provider (or --endpoint) into one KMS client per region. For `provider.local` this
// starts the embedded emulator in-process, one per region, reached through the same SDK path.

import type { KmsEvent } from "../kms/events.js";
import { EMULATOR_CREDENTIALS, loopbackChain } from "../kms/loopback.js";
import { DEFAULT_QUOTA, type Quota } from "../kms/quota.js";
import type { Kms } from "../kms/types.js";
import type { ProviderConfig } from "../model/index.js";
import { DEFAULT_REGION } from "../model/regions.js";
import type { KmsForRegion } from "../observe/kms-set.js";
import type { WriteLocks } from "./write-lock.js";

/**
 * How long a `provider.local` run waits for a state file another run holds (a concurrent apply) before
 * refusing: long enough for a typical plan or apply of a local fleet to finish, short enough for a CI job.
 */
export const LOCAL_STATE_WAIT_MS = 10_000;

export interface ConnectOptions {
  /** --endpoint or KMS_ROTATION_ENDPOINT as resolved (options.ts): every region to this URL. */
  readonly endpoint?: string;
  readonly concurrency: number;
  /** --qps: overrides the config's quota. */
  readonly qps?: Quota;
  /** --timeout: the bound on one KMS call, in milliseconds. */
  readonly timeoutMs?: number;
  readonly onEvent?: (event: KmsEvent) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --now. For the embedded emulator, a write at this instant moves its clock there (apply only). */
  readonly now?: Date;
  readonly moveLocalClock: boolean;
  /**
   * apply: the (region, account) units it may write to. For a KMS reached over the network, each
   * (endpoint, account) is locked on this machine for the run, waiting up to LOCAL_STATE_WAIT_MS.
   */
  readonly lockUnits?: readonly { readonly region: string; readonly account?: string }[];
  /** apply with --now: write even when --now is more than 5 minutes from the service's clock. */
  readonly allowClockSkew?: boolean;
}

export interface Connection {
  readonly kmsFor: KmsForRegion;
  /** The instant to judge schedules at: --now, else the embedded emulator's clock, else the system clock. */
  readonly now: Date;
  close(): Promise<void>;
}

export async function connect(
  provider: ProviderConfig,
  regions: readonly string[],
  options: ConnectOptions,
): Promise<Connection> {
  const { createKms } = await import("../kms/index.js");
  const endpoint = options.endpoint;
  // Interrupts reach each call through its own signal: a write in flight is finished, not dropped.
  const base = {
    concurrency: options.concurrency,
    quota: quotaFor(provider, options.qps, endpoint !== undefined),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  if (endpoint !== undefined || provider.kind === "alibaba") {
    const endpoints = provider.kind === "alibaba" ? provider.endpoints : {};
    const accounts = (provider.kind === "alibaba" ? provider.accounts : undefined) ?? {};
    const { accountSources } = await import("../kms/accounts.js");
    const sources = accountSources(accounts);
    const urlOf = (region: string, account: string | undefined) =>
      endpoint ??
      (account === undefined ? undefined : accounts[account])?.endpoints[region] ??
      endpoints[region];
    const locks = options.lockUnits ? await lockUnits(options.lockUnits, urlOf) : undefined;
    const guard = options.lockUnits && options.now && !options.allowClockSkew ? options.now : undefined;
    const { guardWrites } = await import("../kms/clock-guard.js");
    const clients = memo((region, account) => {
      const own = account === undefined ? undefined : accounts[account];
      const url = urlOf(region, account);
      // An account's own source, else for a KMS on this machine the chain's local sources and then the
      // emulator's defaults, else the standard chain.
      const credential = sources(account) ?? loopbackChain(url);
      const auth = credential ? { credential } : {};
      // An account's own quota over the provider's, group by group; --qps still wins over both.
      const quota = options.qps || !own?.quota ? base.quota : { ...base.quota, ...own.quota };
      const kms = createKms({ ...base, quota, region, endpoint: url, ...auth });
      // apply's writes as of a --now far from the service's clock are refused (section 14).
      return guard ? guardWrites(kms, guard) : kms;
    });
    return { kmsFor: clients, now: options.now ?? new Date(), close: async () => locks?.release() };
  }
  return connectLocal(provider, regions, options, (region, url) =>
    createKms({ ...base, region, endpoint: url, credentials: EMULATOR_CREDENTIALS }),
  );
}

async function connectLocal(
  provider: Extract<ProviderConfig, { kind: "local" }>,
  regions: readonly string[],
  options: ConnectOptions,
  client: (region: string, url: string) => Kms,
): Promise<Connection> {
  const { startEmulator } = await import("../emulator/index.js");
  const home = provider.home ?? provider.region ?? regions[0] ?? DEFAULT_REGION;
  const owner = await stateOwner(provider.state, home);
  // Sorted by state file: every run takes the locks in the same order.
  const wanted = [...new Set([home, ...regions])]
    .map((region) => ({
      region,
      statePath: region === owner ? provider.state : regionalStatePath(provider.state, region),
    }))
    .sort((a, b) => (a.statePath < b.statePath ? -1 : a.statePath > b.statePath ? 1 : 0));
  const clockAtLeast =
    options.moveLocalClock && options.now && options.now > new Date() ? options.now : new Date();
  const running: Awaited<ReturnType<typeof startEmulator>>[] = [];
  // One at a time, so two runs wanting the same regions cannot each hold one and wait for the other's.
  // On any failure, those already started are closed (their locks released).
  try {
    for (const { region, statePath } of wanted) {
      running.push(
        await startEmulator({
          region,
          host: "127.0.0.1",
          port: 0,
          statePath,
          ...(provider.seed ? { seedPath: provider.seed } : {}),
          clockAtLeast,
          stateWaitMs: LOCAL_STATE_WAIT_MS,
          ...EMULATOR_CREDENTIALS,
        }),
      );
    }
  } catch (error) {
    await Promise.all(running.map((r) => r.close()));
    throw error;
  }
  const byRegion = new Map(running.map((r) => [r.service.region, client(r.service.region, r.url)]));
  const clocks = running.map((r) => r.service.now().getTime());
  return {
    kmsFor: (region) => byRegion.get(region) ?? (byRegion.get(home) as Kms),
    now: options.now ?? new Date(Math.max(...clocks)),
    close: async () => {
      await Promise.all(running.map((r) => r.close()));
    },
  };
}

/** Locks the (endpoint as resolved, account) of each unit; an invalid endpoint is left to the client to refuse. */
async function lockUnits(
  units: readonly { readonly region: string; readonly account?: string }[],
  urlOf: (region: string, account: string | undefined) => string | undefined,
): Promise<WriteLocks> {
  const { canonicalEndpoint, resolveEndpoint } = await import("../kms/endpoint.js");
  const { lockWriteTargets } = await import("./write-lock.js");
  const resolved = units.flatMap(({ region, account }) => {
    try {
      return [{ endpoint: resolveEndpoint(region, urlOf(region, account)), account }];
    } catch {
      return [];
    }
  });
  // One lock per KMS target however its endpoint is spelled (localhost or 127.0.0.1, a name or its
  // address). Not per account: which account a set of credentials reaches is known only to the service,
  // and a config's named account and the default credentials may be the same one, so every apply to one
  // endpoint on this machine waits for the other (safe, if sometimes more than needed).
  const targets = await Promise.all(
    resolved.map(async ({ endpoint, account }) => ({
      endpoint: `${endpoint.protocol}://${endpoint.host}`,
      key: await canonicalEndpoint(endpoint),
      ...(account === undefined ? {} : { account }),
    })),
  );
  return lockWriteTargets(targets, LOCAL_STATE_WAIT_MS);
}

/** The embedded emulator has no quota: it is paced only when --qps asks for it. */
const UNPACED: Quota = { read: 100_000, write: 100_000, create: 100_000 };

function quotaFor(provider: ProviderConfig, qps: Quota | undefined, elsewhere: boolean): Quota {
  if (qps) return qps;
  if (provider.kind === "alibaba") return { ...DEFAULT_QUOTA, ...provider.quota };
  return elsewhere ? DEFAULT_QUOTA : UNPACED;
}

/**
 * The region whose state is the `state:` file itself: the one that file records (a state file knows its
 * region, so one made by any earlier run keeps being read), else the config's home region. Every other
 * region has its own file named by region, whatever regions a run (a shard) opens, in whatever order.
 */
async function stateOwner(state: string, home: string): Promise<string> {
  const { stateFileRegion } = await import("../emulator/state-region.js");
  const recorded = await stateFileRegion(state);
  return recorded === "absent" || recorded === "unknown" ? home : recorded;
}

/** `.kms-rotation/local-kms.json` -> `.kms-rotation/local-kms.cn-shanghai.json` for a second region. */
export function regionalStatePath(state: string, region: string): string {
  const dot = state.lastIndexOf(".");
  const slash = Math.max(state.lastIndexOf("/"), state.lastIndexOf("\\"));
  return dot > slash ? `${state.slice(0, dot)}.${region}${state.slice(dot)}` : `${state}.${region}`;
}

/** One client per (account, region), made on first use. */
function memo(make: (region: string, account: string | undefined) => Kms): KmsForRegion {
  const clients = new Map<string, Kms>();
  return (region, account) => {
    const unit = `${account ?? ""}/${region}`;
    let kms = clients.get(unit);
    if (!kms) {
      kms = make(region, account);
      clients.set(unit, kms);
    }
    return kms;
  };
}
