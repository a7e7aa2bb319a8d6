// The words for a config as a whole: what validate says of a file it found nothing wrong with.

import type { Config } from "../model/config.js";

/** `12 keys in 2 regions`, `1 key in 1 region`; with accounts, `... of 3 accounts (6 units for --shard)`. */
export function configSummaryText(config: Config): string {
  const keys = config.keys.length;
  const regions = new Set(config.keys.map((k) => k.region)).size;
  const text = `${keys} ${keys === 1 ? "key" : "keys"} in ${regions} ${regions === 1 ? "region" : "regions"}`;
  const accounts = new Set(config.keys.flatMap((k) => (k.account === undefined ? [] : [k.account]))).size;
  if (accounts === 0) return text;
  const units = new Set(config.keys.map((k) => `${k.account ?? ""}/${k.region}`)).size;
  return `${text} of ${accounts} ${accounts === 1 ? "account" : "accounts"} (${units} (account, region) ${units === 1 ? "unit" : "units"} to shard)`;
}
