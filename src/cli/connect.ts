// Turn a config's provider (or --endpoint) into one KMS client per region. For `provider.local` this
// starts the embedded emulator in-process, one per region, reached through the same SDK path.

import type { KmsForRegion } from "../apply/kms-set.js";
import { EMULATOR_CREDENTIALS, loopbackCredentials } from "../kms/loopback.js";
import type { Kms } from "../kms/types.js";
import type { ProviderConfig } from "../model/index.js";

export interface ConnectOptions {
  /** --endpoint or KMS_ROTATION_ENDPOINT: every region to this URL. */
  readonly endpoint?: string;
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --now. For the embedded emulator, a write at this instant moves its clock there (apply only). */
  readonly now?: Date;
  readonly moveLocalClock: boolean;
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
  const endpoint = options.endpoint ?? nonEmpty(options.env.KMS_ROTATION_ENDPOINT);
  const base = { concurrency: options.concurrency, signal: options.signal };
  if (endpoint !== undefined || provider.kind === "alibaba") {
    const endpoints = provider.kind === "alibaba" ? provider.endpoints : {};
    const clients = memo((region) => {
      const url = endpoint ?? endpoints[region];
      return createKms({ ...base, region, endpoint: url, ...loopbackCredentials(url, options.env) });
    });
    return { kmsFor: clients, now: options.now ?? new Date(), close: async () => {} };
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
  const home = provider.region ?? regions[0] ?? "cn-hangzhou";
  const wanted = [...new Set([home, ...regions])];
  const clockAtLeast =
    options.moveLocalClock && options.now && options.now > new Date() ? options.now : new Date();
  const running = await Promise.all(
    wanted.map((region) =>
      startEmulator({
        region,
        host: "127.0.0.1",
        port: 0,
        statePath: region === home ? provider.state : regionalStatePath(provider.state, region),
        ...(provider.seed ? { seedPath: provider.seed } : {}),
        clockAtLeast,
        ...EMULATOR_CREDENTIALS,
      }),
    ),
  );
  const byRegion = new Map(running.map((r, i) => [wanted[i] as string, client(wanted[i] as string, r.url)]));
  const clocks = running.map((r) => r.service.now().getTime());
  return {
    kmsFor: (region) => byRegion.get(region) ?? (byRegion.get(home) as Kms),
    now: options.now ?? new Date(Math.max(...clocks)),
    close: async () => {
      await Promise.all(running.map((r) => r.close()));
    },
  };
}

/** `.kms-rotation/local-kms.json` -> `.kms-rotation/local-kms.cn-shanghai.json` for a second region. */
export function regionalStatePath(state: string, region: string): string {
  const dot = state.lastIndexOf(".");
  const slash = Math.max(state.lastIndexOf("/"), state.lastIndexOf("\\"));
  return dot > slash ? `${state.slice(0, dot)}.${region}${state.slice(dot)}` : `${state}.${region}`;
}

function memo(make: (region: string) => Kms): KmsForRegion {
  const clients = new Map<string, Kms>();
  return (region) => {
    let kms = clients.get(region);
    if (!kms) {
      kms = make(region);
      clients.set(region, kms);
    }
    return kms;
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
