// Where the keys live (provider) and the region a key gets when it names none.

import { dirname, resolve } from "node:path";
import type { AccountConfig, IgnoreRule, ProviderConfig, QuotaConfig } from "../model/config.js";
import { DEFAULT_REGION } from "../model/regions.js";
import { isRecord, type RuleContext, soundString, valueAt } from "./context.js";

export const DEFAULT_LOCAL_STATE = ".kms-rotation/local-kms.json";
/** The embedded emulator's region when nothing names one. */
/** `provider.local` with no region: the default one. */
export const DEFAULT_LOCAL_REGION = DEFAULT_REGION;

/** The region of keys that name none; `known: false` when a broken part of the file might have named it. */
export type RegionFallback = { readonly known: true; readonly region?: string } | { readonly known: false };

export interface ProviderReading {
  readonly provider?: ProviderConfig;
  readonly fallback: RegionFallback;
}

export function readProvider(ctx: RuleContext, cwd: string): ProviderReading {
  const raw = valueAt(ctx.root, ["provider"]);
  if (raw !== undefined && (!ctx.sound(["provider"]) || !isRecord(raw)))
    return { fallback: { known: false } };
  const defaults = valueAt(ctx.root, ["defaults"]);
  const defaultRegion = soundString(ctx, ["defaults", "region"]);
  const defaultsKnown = defaults === undefined || ctx.sound(["defaults"]);
  const provider = isRecord(raw) && isRecord(raw.alibaba) ? alibaba(ctx) : local(ctx, cwd);
  const region =
    defaultRegion ?? provider.region ?? (provider.kind === "local" ? DEFAULT_LOCAL_REGION : undefined);
  return { provider, fallback: defaultsKnown ? { known: true, region } : { known: false } };
}

function alibaba(ctx: RuleContext): ProviderConfig {
  const region = soundString(ctx, ["provider", "alibaba", "region"]);
  const endpoints = urlMap(valueAt(ctx.root, ["provider", "alibaba", "endpoints"]));
  const raw = valueAt(ctx.root, ["provider", "alibaba", "accounts"]);
  const accounts = isRecord(raw) ? readAccounts(ctx, raw) : undefined;
  const quota = quotaOf(valueAt(ctx.root, ["provider", "alibaba", "quota"]));
  return {
    kind: "alibaba",
    endpoints,
    ...(region === undefined ? {} : { region }),
    ...(quota === undefined ? {} : { quota }),
    ...(accounts === undefined ? {} : { accounts }),
  };
}

function urlMap(raw: unknown): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [name, url] of Object.entries(isRecord(raw) ? raw : {})) {
    if (typeof url === "string") map[name] = url;
  }
  return map;
}

/** Requests per second per operation group, as the schema found them. */
function quotaOf(raw: unknown): QuotaConfig | undefined {
  const quota: Record<string, number> = {};
  for (const [group, rate] of Object.entries(isRecord(raw) ? raw : {})) {
    if (typeof rate === "number") quota[group] = rate;
  }
  return Object.keys(quota).length > 0 ? quota : undefined;
}

/** The accounts the schema found sound; a broken one fails the file anyway, so it is left out here. */
function readAccounts(ctx: RuleContext, raw: Record<string, unknown>): Record<string, AccountConfig> {
  const accounts: Record<string, AccountConfig> = {};
  for (const [uid, entry] of Object.entries(raw)) {
    const path = ["provider", "alibaba", "accounts", uid];
    if (!isRecord(entry) || !ctx.sound(path)) continue;
    const text = (field: string) => (typeof entry[field] === "string" ? (entry[field] as string) : undefined);
    const [profile, roleArn, stsEndpoint] = [text("profile"), text("roleArn"), text("stsEndpoint")];
    const quota = quotaOf(entry.quota);
    accounts[uid] = {
      endpoints: urlMap(entry.endpoints),
      ...(profile === undefined ? {} : { profile }),
      ...(roleArn === undefined ? {} : { roleArn }),
      ...(stsEndpoint === undefined ? {} : { stsEndpoint }),
      ...(quota === undefined ? {} : { quota }),
    };
  }
  return accounts;
}

/**
 * `state` and `seed` travel with the config file, so both are relative to its folder: running the same
 * config from another directory meets the same emulated KMS, not a fresh one.
 */
function local(ctx: RuleContext, cwd: string): ProviderConfig {
  const state = soundString(ctx, ["provider", "local", "state"]) ?? DEFAULT_LOCAL_STATE;
  const seed = soundString(ctx, ["provider", "local", "seed"]);
  const region = soundString(ctx, ["provider", "local", "region"]);
  const folder = dirname(resolve(cwd, ctx.file));
  return {
    kind: "local",
    state: resolve(folder, state),
    ...(seed === undefined ? {} : { seed: resolve(folder, seed) }),
    ...(region === undefined ? {} : { region }),
  };
}

/** The drift ignore rules; the schema has already checked their shape. */
export function readIgnore(ctx: RuleContext): IgnoreRule[] {
  const list = valueAt(ctx.root, ["ignore"]);
  if (!Array.isArray(list)) return [];
  return list.map((_, i): IgnoreRule => {
    const key = soundString(ctx, ["ignore", i, "key"]);
    const tagKey = soundString(ctx, ["ignore", i, "tag", "key"]);
    const tagValue = soundString(ctx, ["ignore", i, "tag", "value"]);
    const tag =
      tagKey === undefined
        ? undefined
        : { key: tagKey, ...(tagValue === undefined ? {} : { value: tagValue }) };
    return {
      ...(key === undefined ? {} : { key }),
      ...(tag === undefined ? {} : { tag }),
      source: ctx.position(["ignore", i]),
    };
  });
}
