// The forecast as the contract's JSON (section 10): the model already has the contract's shape.

import { type Forecast, type ShardJson, shardToJson } from "../model/index.js";

export type ForecastJson = Omit<Forecast, "shard"> & { shard?: ShardJson };

export function forecastToJson(forecast: Forecast): ForecastJson {
  return {
    formatVersion: 1,
    now: forecast.now,
    until: forecast.until,
    rotations: forecast.rotations.map((r) => ({ ...r })),
    capReached: forecast.capReached.map((c) => ({ ...c })),
    problems: (forecast.problems ?? []).map((p) => ({ ...p })),
    ...(forecast.shard ? { shard: shardToJson(forecast.shard) } : {}),
  };
}
