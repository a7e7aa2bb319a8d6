// validateConfig: what `kms-rotation validate` does, as one call: read the file, hold it to its own
// policy, and say what is worth knowing about a valid one. Never calls KMS: it imports no SDK, so the
// command starts fast.

import { configHints, sortProblems } from "../config/index.js";
import type { Config } from "../model/config.js";
import type { Diagnostic } from "../model/diagnostic.js";
import { checkInstant } from "../model/instant.js";
import type { Problem } from "../model/source.js";
import { baselineBreaches } from "../plan/policy.js";
import { baselineWarning } from "../words/problem-text.js";
import { readConfig } from "./checked-config.js";

export interface ValidateOptions {
  /** Directory a relative path is read from; default process.cwd(). */
  readonly cwd?: string;
  /** Judge exceptions' expiry dates as of this instant instead of the clock, as `--now`. */
  readonly now?: Date;
}

export interface ValidateOutcome {
  /** The config as read; absent when the file could not be read as one. Valid when `problems` is empty. */
  readonly config?: Config;
  /** Every problem at once, in file order: the reading's, and the policy's on whatever could be read. */
  readonly problems: readonly Problem[];
  /** About a valid file only: hints (an alias without `alias/`, an unknown region), then what audit's
   * baseline will say of it when it states no policy. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * Reads and checks the config at `path` as `kms-rotation validate` does, without calling KMS: its schema
 * and rules, and its own `policy:` as of `options.now`. Problems are values with their `file:line:column`.
 *
 * @example
 * ```ts
 * import { validateConfig } from "kms-rotation";
 * const { problems, warnings } = await validateConfig("kms.yaml");
 * for (const p of problems) console.error(`${p.position?.line}: ${p.message}`);
 * if (problems.length === 0) console.log(`ok, ${warnings.length} warnings`);
 * ```
 */
export async function validateConfig(path: string, options: ValidateOptions = {}): Promise<ValidateOutcome> {
  checkInstant("now", options.now);
  const now = options.now ?? new Date();
  const { config, problems, breaches } = await readConfig(path, options.cwd ?? process.cwd(), now, true);
  const all = sortProblems([...problems, ...breaches]);
  const warnings = config && all.length === 0 ? warningsOf(config, now) : [];
  return { ...(config ? { config } : {}), problems: all, warnings };
}

/** Hints about a valid file, then what audit's baseline will say of it when it states no policy. */
function warningsOf(config: Config, now: Date): Diagnostic[] {
  return [...configHints(config), ...baselineBreaches(config, now).map(baselineWarning)];
}
