// The `emulator` command's flags, each checked and converted to EmulatorOptions; a UsageError names the
// first flag that is wrong (and never echoes a credential).

import { statSync } from "node:fs";
import { resolve } from "node:path";
import { instantRangeProblem } from "../emulator/core/time.js";
import type { EmulatorOptions } from "../emulator/index.js";
import { OPERATION_GROUPS } from "../emulator/limits/operation-groups.js";
import { DEFAULT_ACCOUNT_ID } from "../emulator/open-service.js";
import { parseDuration } from "../model/duration.js";
import { readInstant } from "../model/instant.js";
import { isRegionId } from "../model/key-ref.js";
import { parseRates } from "../model/rates.js";
import { DEFAULT_REGION } from "../model/regions.js";
import type { ParsedArgs } from "./args.js";
import { UsageError } from "./usage-error.js";

const QUOTAS = ["keys", "aliases", "versions"] as const;
const MAX_QPS = 100_000;
const MAX_LATENCY_MS = 600_000;

type Values = ParsedArgs["values"];

/** Every flag checked and converted; a UsageError names the first one that is wrong. */
export function emulatorOptions(values: Values, cwd: string): EmulatorOptions {
  const text = (name: string) => flag(values, name);
  const state = text("state");
  const seed = text("seed");
  return {
    host: host(text("host") ?? "127.0.0.1"),
    port: integer("--port", text("port") ?? "8300", 0, 65_535),
    region: region(text("region") ?? DEFAULT_REGION),
    statePath: state === undefined ? undefined : resolve(cwd, nonEmpty("--state", state)),
    seedPath: seed === undefined ? undefined : existingFile("--seed", resolve(cwd, nonEmpty("--seed", seed))),
    clock: optional(text("clock"), instant),
    accessKeyId: optional(text("access-key-id"), (v) => credential("--access-key-id", v)),
    accessKeySecret: optional(text("access-key-secret"), (v) => credential("--access-key-secret", v)),
    latencyMs: optional(text("latency"), (v) => integer("--latency", v, 0, MAX_LATENCY_MS)),
    qps: optional(text("qps"), qps),
    quota: optional(text("quota"), quota),
    faultRate: optional(text("fault-rate"), faultRate),
    instances: instances(values.instance),
    throttleCode: optional(text("throttle-code"), throttleCode),
    rotationLagSeconds: optional(text("rotation-lag"), rotationLag),
    ...accountOptions(values),
  };
}

/** --account-id, --role (each of that account) and --session-duration. */
function accountOptions(values: Values): Pick<EmulatorOptions, "accountId" | "roles" | "maxSessionSeconds"> {
  const accountId = optional(flag(values, "account-id"), (v) => {
    if (!/^[0-9]{16}$/.test(v)) throw new UsageError(`--account-id must be a 16-digit account uid: "${v}"`);
    return v;
  });
  const raw = values.role;
  const roles = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(String);
  const account = accountId ?? DEFAULT_ACCOUNT_ID;
  for (const role of roles) {
    const match = /^acs:ram::([0-9]{16}):role\/[A-Za-z0-9._@-]{1,64}$/.exec(role);
    if (!match) throw new UsageError(`--role must be acs:ram::<uid>:role/<name>: "${role}"`);
    if (match[1] !== account) {
      throw new UsageError(
        `--role ${role} is not a role of this emulator's account ${account} (--account-id)`,
      );
    }
  }
  const seconds = optional(flag(values, "session-duration"), (v) =>
    integer("--session-duration", v, 1, 43_200),
  );
  return {
    ...(accountId === undefined ? {} : { accountId }),
    ...(roles.length === 0 ? {} : { roles }),
    ...(seconds === undefined ? {} : { maxSessionSeconds: seconds }),
  };
}

const INSTANCE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,127})=(software|hsm)$/;

/** `--instance <kst-id>=software|hsm`, repeatable; one id declared twice is a mistake. */
function instances(value: Values[string]): EmulatorOptions["instances"] {
  if (value === undefined) return undefined;
  const declared: Record<string, "software" | "hsm"> = {};
  for (const item of Array.isArray(value) ? value : [value]) {
    const match = typeof item === "string" ? INSTANCE.exec(item) : null;
    if (!match) {
      throw new UsageError(`--instance must be <kst-id>=software or <kst-id>=hsm: "${String(item)}"`);
    }
    const [, id, type] = match as unknown as [string, string, "software" | "hsm"];
    if (id in declared) throw new UsageError(`--instance declares ${id} twice`);
    declared[id] = type;
  }
  return declared;
}

/** `--rotation-lag 2d`: how long after NextRotationDate automatic rotations happen (at most a year). */
function rotationLag(value: string): number {
  const seconds = value === "0" ? 0 : parseDuration(value);
  if (seconds === undefined || seconds > 365 * 86_400) {
    throw new UsageError(
      `--rotation-lag must be a duration such as 0s, 30m, 6h or 2d, at most 365d: "${value}"`,
    );
  }
  return seconds;
}

function throttleCode(value: string): EmulatorOptions["throttleCode"] {
  if (value !== "429" && value !== "400")
    throw new UsageError(`--throttle-code must be 429 or 400: "${value}"`);
  return Number(value) as 429 | 400;
}

function flag(values: Values, name: string): string | undefined {
  const value = values[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw new UsageError(`--${name} needs a value`);
  return value;
}

function optional<T>(value: string | undefined, parse: (value: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === "") throw new UsageError(`${name} must not be empty`);
  return value;
}

function host(value: string): string {
  if (!/^[A-Za-z0-9.:_-]+$/.test(value))
    throw new UsageError(`--host must be a host name or address: "${value}"`);
  return value;
}

function integer(name: string, value: string, min: number, max: number): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max))
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}: "${value}"`);
  return n;
}

function region(value: string): string {
  if (!isRegionId(value)) {
    throw new UsageError(`--region must be a region id such as cn-hangzhou: "${value}"`);
  }
  return value;
}

function instant(value: string): Date {
  const read = readInstant(value);
  if ("error" in read) throw new UsageError(`--clock: ${read.error}`);
  const beyond = instantRangeProblem(read.date.getTime());
  if (beyond) throw new UsageError(`--clock: ${JSON.stringify(value)} ${beyond}`);
  return read.date;
}

/** Never echoes the value: it may be a real secret typed into the wrong flag. */
function credential(name: string, value: string): string {
  if (value === "" || /\s/.test(value))
    throw new UsageError(`${name} must be non-empty and contain no spaces`);
  return value;
}

function existingFile(name: string, path: string): string {
  if (!statSync(path, { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`${name}: no such file: ${path}`);
  return path;
}

function faultRate(value: string): number {
  const n = /^(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--fault-rate must be a number from 0 to 1: "${value}"`);
  return n;
}

function qps(value: string): EmulatorOptions["qps"] {
  const rates = parseRates(value, { groups: OPERATION_GROUPS, whole: true, max: MAX_QPS });
  if ("problem" in rates) throw new UsageError(`--qps: ${rates.problem}`);
  if (!("every" in rates)) return rates.each;
  return Object.fromEntries(OPERATION_GROUPS.map((group) => [group, rates.every]));
}

function quota(value: string): EmulatorOptions["quota"] {
  return assignments(
    "--quota",
    value,
    QUOTAS,
    0,
    Number.MAX_SAFE_INTEGER,
    "keys=<n>,aliases=<n>,versions=<n>",
  );
}

/** `a=1,b=2` over a closed set of names, each at most once. */
function assignments<N extends string>(
  name: string,
  value: string,
  names: readonly N[],
  min: number,
  max: number,
  shape: string,
): Partial<Record<N, number>> {
  const result: Partial<Record<N, number>> = {};
  for (const part of value.split(",")) {
    const [key, amount, extra] = part.split("=").map((s) => s.trim());
    if (!key || amount === undefined || extra !== undefined || !names.includes(key as N)) {
      throw new UsageError(`${name} must be ${shape} (any of ${names.join(", ")}): "${value}"`);
    }
    if (key in result) throw new UsageError(`${name} names "${key}" twice: "${value}"`);
    result[key as N] = integer(`${name} ${key}`, amount, min, max);
  }
  return result;
}
