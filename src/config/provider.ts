// Where the keys live (provider) and the region a key gets when it names none.

import { dirname, resolve } from "node:path";
import type { IgnoreRule, ProviderConfig } from "../model/config.js";
import { isRecord, type RuleContext, soundString, valueAt } from "./context.js";

export const DEFAULT_LOCAL_STATE = ".kms-rotation/local-kms.json";
/** The embedded emulator's region when nothing names one. */
export const DEFAULT_LOCAL_REGION = "cn-hangzhou";

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
  const raw = valueAt(ctx.root, ["provider", "alibaba", "endpoints"]);
  const endpoints: Record<string, string> = {};
  for (const [name, url] of Object.entries(isRecord(raw) ? raw : {})) {
    if (typeof url === "string") endpoints[name] = url;
  }
  const rawQuota = valueAt(ctx.root, ["provider", "alibaba", "quota"]);
  const quota: Record<string, number> = {};
  for (const [group, rate] of Object.entries(isRecord(rawQuota) ? rawQuota : {})) {
    if (typeof rate === "number") quota[group] = rate;
  }
  return {
    kind: "alibaba",
    endpoints,
    ...(region === undefined ? {} : { region }),
    ...(Object.keys(quota).length > 0 ? { quota } : {}),
  };
}

/** `state` is relative to where the tool runs; `seed` travels with the config file, so is relative to it. */
function local(ctx: RuleContext, cwd: string): ProviderConfig {
  const state = soundString(ctx, ["provider", "local", "state"]) ?? DEFAULT_LOCAL_STATE;
  const seed = soundString(ctx, ["provider", "local", "seed"]);
  const region = soundString(ctx, ["provider", "local", "region"]);
  return {
    kind: "local",
    state: resolve(cwd, state),
    ...(seed === undefined ? {} : { seed: resolve(dirname(resolve(cwd, ctx.file)), seed) }),
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
