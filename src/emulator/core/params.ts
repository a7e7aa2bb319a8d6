// Reading RPC parameters: presence, booleans, intervals, paging and the JSON-valued ones, each refused with
// the service's MissingParameter / InvalidParameter before an action changes anything.

import { parseDuration } from "../../model/duration.js";
import { invalidParameter, missingParameter } from "./errors.js";

export type Params = Readonly<Record<string, string>>;

export function required(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function optional(params: Params, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === "" ? undefined : value;
}

export function oneOf<T extends string>(params: Params, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(params, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw invalidParameter(name);
  return value as T;
}

export function booleanParam(params: Params, name: string): boolean | undefined {
  const value = optional(params, name);
  if (value === undefined) return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw invalidParameter(name);
}

/** `<integer><d|h|m|s>` within [min, max] seconds. */
export function intervalParam(params: Params, name: string, min: number, max: number): number | undefined {
  const value = optional(params, name);
  if (value === undefined) return undefined;
  const seconds = parseDuration(value);
  if (seconds === undefined || seconds < min || seconds > max) throw invalidParameter(name);
  return seconds;
}

export function integerParam(params: Params, name: string, min: number, max: number): number | undefined {
  const value = optional(params, name);
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,9}$/.test(value)) throw invalidParameter(name);
  const number = Number(value);
  if (number < min || number > max) throw invalidParameter(name);
  return number;
}

export function jsonParam(params: Params, name: string): unknown {
  const value = optional(params, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw invalidParameter(name);
  }
}

export interface Page {
  readonly number: number;
  readonly size: number;
}

export function pageParams(params: Params): Page {
  return {
    number: integerParam(params, "PageNumber", 1, 1_000_000_000) ?? 1,
    size: integerParam(params, "PageSize", 1, 100) ?? 10,
  };
}

/** The service's paged shape: the items of one page plus TotalCount, PageNumber, PageSize. */
export function paged<T>(items: readonly T[], page: Page): { items: T[]; counts: Record<string, number> } {
  const start = (page.number - 1) * page.size;
  return {
    items: items.slice(start, start + page.size),
    counts: { TotalCount: items.length, PageNumber: page.number, PageSize: page.size },
  };
}
