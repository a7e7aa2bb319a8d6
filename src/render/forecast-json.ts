// The forecast as the contract's JSON (section 10): the model's shape, with each problem's reason as
// its `code` and `message`.

import {
  type Forecast,
  type ForecastProblem,
  reasonText,
  type ShardJson,
  shardFromJson,
  shardToJson,
} from "../model/index.js";

export type ForecastProblemJson = Omit<ForecastProblem, "reason"> & {
  code: ForecastProblem["reason"]["code"];
  message: string;
};

export type ForecastJson = Omit<Forecast, "shard" | "problems"> & {
  problems?: ForecastProblemJson[];
  shard?: ShardJson;
};

export function forecastToJson(forecast: Forecast): ForecastJson {
  return {
    formatVersion: 1,
    now: forecast.now,
    until: forecast.until,
    rotations: forecast.rotations.map((r) => ({ ...r })),
    capReached: forecast.capReached.map((c) => ({ ...c })),
    problems: (forecast.problems ?? []).map(({ reason, ...p }) => ({
      ...p,
      code: reason.code,
      message: reasonText(reason),
    })),
    ...(forecast.shard ? { shard: shardToJson(forecast.shard) } : {}),
  };
}

/** A saved forecast (already checked against its schema) back into the model; its words are kept. */
export function forecastFromJson(json: ForecastJson): Forecast {
  const { problems, shard, ...rest } = json;
  return {
    ...rest,
    ...(problems === undefined
      ? {}
      : { problems: problems.map(({ code, message, ...p }) => ({ ...p, reason: { code, message } })) }),
    ...(shard ? { shard: shardFromJson(shard) } : {}),
  };
}
