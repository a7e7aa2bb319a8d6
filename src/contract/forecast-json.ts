// The forecast as the contract's JSON (section 10): the model's shape, with each problem's reason as
// its `code` and `message`.

import type { Forecast, ForecastProblem, Reason } from "../model/index.js";
import { reasonText } from "../words/problem-text.js";
import { type ShardJson, shardFromJson, shardToJson } from "./plan-json.js";

/** A problem as JSON: the reason's or read error's `code` and `message`; `unreadable` for the latter. */
export type ForecastProblemJson = Omit<ForecastProblem, "reason" | "error"> & {
  code: string;
  message: string;
  unreadable?: true;
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
    problems: (forecast.problems ?? []).map(problemToJson),
    ...(forecast.shard ? { shard: shardToJson(forecast.shard) } : {}),
  };
}

/** A saved forecast (already checked against its schema) back into the model; its words are kept. */
export function forecastFromJson(json: ForecastJson): Forecast {
  const { problems, shard, ...rest } = json;
  return {
    ...rest,
    ...(problems === undefined ? {} : { problems: problems.map(problemFromJson) }),
    ...(shard ? { shard: shardFromJson(shard) } : {}),
  };
}

function problemToJson(problem: ForecastProblem): ForecastProblemJson {
  const { reason, error, ...p } = problem;
  if (error) return { ...p, code: error.code, message: error.message, unreadable: true };
  return { ...p, code: reason.code, message: reasonText(reason) };
}

/** Reports written before `unreadable` existed hold only missing and blocked keys. */
function problemFromJson(json: ForecastProblemJson): ForecastProblem {
  const { code, message, unreadable, ...p } = json;
  if (unreadable) return { ...p, error: { code, message } };
  // A recorded reason keeps the words it was saved with.
  return { ...p, reason: { code, message } as Reason };
}
