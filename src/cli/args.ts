// Reading the flags every command shares; a wrong one is a UsageError (one line naming where help is, exit 1).

import { resolve } from "node:path";
import { parseQuota, type Quota } from "../kms/quota.js";
import { parseDuration, type Shard } from "../model/index.js";
import { readInstant } from "../model/instant.js";
import { DEFAULT_CONCURRENCY } from "../observe/kms-set.js";
import { parseShard } from "../plan/shard.js";
import { writeFileAtomicAsync } from "../support/atomic-write.js";
import { cannotWriteText } from "../words/problem-text.js";
import { EVERY_FORMAT } from "./formats.js";
import { suggestion } from "./suggest.js";
import { UsageError } from "./usage-error.js";

/** What parseArgs found: the command's positionals and flags, before any is checked. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  /** Option names in the order given (repeats included), for options where the later of two wins. */
  readonly order?: readonly string[];
}

/** Which of `names` was given last, or undefined when none was. */
export function lastGiven(args: ParsedArgs, names: readonly string[]): string | undefined {
  const order = args.order ?? names.filter((n) => args.values[n] !== undefined);
  for (let i = order.length - 1; i >= 0; i--) if (names.includes(order[i] as string)) return order[i];
  return undefined;
}

export function onePositional(args: ParsedArgs, what: string): string {
  if (args.positionals.length === 0) throw new UsageError(`missing ${what}`);
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument "${args.positionals[1]}"`);
  return args.positionals[0] as string;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

export function formatFlag<F extends string>(args: ParsedArgs, allowed: readonly F[]): F {
  const value = stringFlag(args, "format") ?? allowed[0];
  if (!(allowed as readonly string[]).includes(value as string)) {
    // Another command's format is no typo: a "did you mean" would point at an unrelated format.
    if (EVERY_FORMAT.has(value as string))
      throw new UsageError(
        `--format ${value} is not one this command writes; it writes ${allowed.join(", ")}`,
      );
    const near = suggestion(value as string, allowed);
    throw new UsageError(`--format must be one of ${allowed.join(", ")} (got "${value}")${near}`);
  }
  return value as F;
}

/** --now: an ISO-8601 instant with a date and, if a time is given, a zone. */
export function nowFlag(args: ParsedArgs): Date | undefined {
  const value = stringFlag(args, "now");
  if (value === undefined) return undefined;
  const read = readInstant(value);
  if ("error" in read) throw new UsageError(`--now: ${read.error}`);
  return read.date;
}

/** --shard i/n (CONTRACT §11); 0/n, i>n and anything malformed are a one-line usage error. */
export function shardFlag(args: ParsedArgs): Shard | undefined {
  const value = stringFlag(args, "shard");
  if (value === undefined) return undefined;
  const shard = parseShard(value);
  if ("error" in shard) throw new UsageError(shard.error);
  return shard;
}

export function concurrencyFlag(args: ParsedArgs): number {
  const value = stringFlag(args, "concurrency");
  if (value === undefined) return DEFAULT_CONCURRENCY;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 1000 (got "${value}")`);
  }
  return n;
}

/**
 * Write an output file (a saved plan, an imported config) whole or not at all, readable by its owner only
 * whatever the umask; a symlink or special file at the path is refused, and a path that cannot be written
 * is the user's problem, told in one line (returned).
 */
export async function writeOutput(path: string, text: string, cwd: string): Promise<string | undefined> {
  try {
    // Relative to where the command runs, as the config file is.
    await writeFileAtomicAsync(resolve(cwd, path), text);
    return undefined;
  } catch (error) {
    return cannotWriteText(path, (error as NodeJS.ErrnoException).code);
  }
}

/** --qps: `20` for every operation group, or `read=50,write=30,create=10`. */
export function qpsFlag(args: ParsedArgs): Quota | undefined {
  const value = stringFlag(args, "qps");
  if (value === undefined) return undefined;
  const quota = parseQuota(value);
  if (typeof quota === "string") throw new UsageError(`--qps: ${quota}`);
  return quota;
}

/** --timeout: the bound on one KMS call, `10s`, `1m` or `500ms`; from 100 ms to 10 minutes. */
export function timeoutFlag(args: ParsedArgs): number | undefined {
  const value = stringFlag(args, "timeout");
  if (value === undefined) return undefined;
  const ms = /^\d{1,7}ms$/.test(value)
    ? Number(value.slice(0, -2))
    : (parseDuration(value) ?? Number.NaN) * 1000;
  if (!(ms >= 100 && ms <= 600_000)) {
    throw new UsageError(`--timeout must be a duration from 100ms to 10m such as 10s (got "${value}")`);
  }
  return ms;
}
