// Config text -> Config: YAML syntax, then the schema, then the rules; every problem at once, each
// pointing at its node. Pure: reads no file (the caller does) and touches no KMS.

import { resolve } from "node:path";
import type { CompliancePolicy } from "../model/compliance.js";
import type { Config, DesiredKey, ProviderConfig } from "../model/config.js";
import type { Problem, ProblemCode, SourcePosition } from "../model/source.js";
import { type RuleContext, soundness, valueAt } from "./context.js";
import type { Path, PathProblem } from "./path.js";
import { readPolicy } from "./policy.js";
import { readIgnore, readProvider } from "./provider.js";
import { accountScope, checkAccounts } from "./rules-accounts.js";
import { checkEndpoints } from "./rules-endpoints.js";
import { checkKeys } from "./rules-keys.js";
import { schemaErrors } from "./schema.js";
import { schemaProblems } from "./schema-problems.js";
import { readYamlFast } from "./yaml-fast.js";
import { lineStartsOf, positionAt, positionOf, readYaml, type YamlSource } from "./yaml-source.js";

export interface ParseOptions {
  /** Directory relative paths are read against (the file itself, provider.local.state). Default: process.cwd(). */
  readonly cwd?: string;
}

export interface ConfigResult {
  /** Present only when there are no problems. */
  config?: Config;
  /** Sorted by line and column. */
  problems: Problem[];
  /**
   * With problems: the keys and policy that could still be read (every key whose own entry is sound),
   * so that checks needing a clock (validate's policy guardrails) report their problems alongside.
   */
  readable?: ReadableConfig;
}

/** What a file with problems still says for certain: its sound keys and its policy, if sound. */
export interface ReadableConfig {
  readonly keys: readonly DesiredKey[];
  readonly policy?: CompliancePolicy;
}

/**
 * `loadConfig` for text already in hand; `file` names it in problems.
 *
 * @example
 * ```ts
 * const { config } = parseConfig("version: 1\nkeys: []\n", "inline.yaml");
 * ```
 */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): ConfigResult {
  return parseFast(text, file, options) ?? parsePositional(text, file, options);
}

/**
 * A valid file, read without yaml's Document (a fraction of the memory for a large fleet); undefined when
 * the file has a problem or a shape the fast reading does not cover: the positional reading then says
 * exactly what it always said.
 */
function parseFast(text: string, file: string, options: ParseOptions): ConfigResult | undefined {
  const fast = readYamlFast(text);
  if (!fast) return undefined;
  const lines = { file, lineStarts: lineStartsOf(text) };
  const position = (path: Path, at?: "key" | "value") => {
    const offset = at === "key" ? undefined : fast.offsetOf(path);
    if (offset === undefined) throw new NeedsPositions();
    return positionAt(lines, offset);
  };
  try {
    const checked = check(fast.value, file, options, position);
    return checked.config && checked.problems.length === 0
      ? { config: checked.config, problems: [] }
      : undefined;
  } catch (error) {
    if (error instanceof NeedsPositions) return undefined;
    throw error;
  }
}

class NeedsPositions extends Error {}

/** The reading that places every problem (yaml's Document with positions); parseConfig's reference. */
export function parsePositional(text: string, file: string, options: ParseOptions): ConfigResult {
  const yaml = readYaml(text, file);
  if (yaml.problems.length > 0) return { problems: sortProblems(yaml.problems) };
  const checked = check(yaml.value, file, options, (path, at) => positionOf(yaml.source, path, at));
  if (checked.config && checked.problems.length === 0) return { config: checked.config, problems: [] };
  const problems = sortProblems(checked.problems.map((p) => place(yaml.source, p)));
  return { problems, ...(checked.readable ? { readable: checked.readable } : {}) };
}

/** The schema, then the rules, over the parsed value; `position` places what the config records. */
function check(
  root: unknown,
  file: string,
  options: ParseOptions,
  position: RuleContext["position"],
): { config?: Config; problems: PathProblem[]; readable?: ReadableConfig } {
  const fromSchema = schemaProblems(schemaErrors(root), root);
  const ctx: RuleContext = { file, root, sound: soundness(fromSchema), position };
  const { provider, fallback } = readProvider(ctx, options.cwd ?? process.cwd());
  const { keys, problems: fromRules } = checkKeys(ctx, fallback, accountScope(ctx));
  const { policy, problems: fromPolicy } = readPolicy(ctx);
  const problems = [
    ...fromSchema,
    ...coded(checkAccounts(ctx), "InvalidAccount"),
    ...coded(checkEndpoints(ctx), "InvalidEndpoint"),
    ...coded(fromRules, "InvalidKey"),
    ...coded(fromPolicy, "InvalidPolicy"),
  ];
  if (problems.length > 0 || provider === undefined) {
    return { problems, readable: { keys, ...(policy ? { policy } : {}) } };
  }
  const defaults = (root as { defaults?: { region?: string; account?: string } }).defaults;
  const defaultRegion = defaults?.region;
  const defaultAccount = defaults?.account;
  const regionSource = fallbackRegionSource(ctx);
  const config: Config = {
    file,
    version: 1,
    provider: withHome(provider, defaultRegion, keys),
    ...(defaultRegion === undefined ? {} : { defaultRegion }),
    ...(regionSource === undefined ? {} : { fallbackRegionSource: regionSource }),
    ...(defaultAccount === undefined ? {} : { defaultAccount }),
    keys,
    ignore: readIgnore(ctx),
    ...(policy ? { policy } : {}),
  };
  return { config, problems: [] };
}

/** Each stage's problems carry its code unless a rule named a closer one. */
function coded(problems: readonly PathProblem[], code: ProblemCode): PathProblem[] {
  return problems.map((p) => (p.rule === undefined ? { ...p, rule: code } : p));
}

/**
 * The local provider's home region (whose state is the `state:` file): the file's own region, else its
 * default, else its first key's; a property of the config, so every shard of it agrees on it.
 */
function withHome(provider: ProviderConfig, defaultRegion: string | undefined, keys: readonly DesiredKey[]) {
  if (provider.kind !== "local") return provider;
  const home = provider.region ?? defaultRegion ?? keys[0]?.region;
  return home === undefined ? provider : { ...provider, home };
}

/** Where the fallback region is written: `defaults.region`, else the provider's `region`. */
function fallbackRegionSource(ctx: RuleContext): SourcePosition | undefined {
  const paths = [
    ["defaults", "region"],
    ["provider", "alibaba", "region"],
    ["provider", "local", "region"],
  ];
  const path = paths.find((p) => typeof valueAt(ctx.root, p) === "string");
  return path === undefined ? undefined : ctx.position(path);
}

function place(source: YamlSource, problem: PathProblem): Problem {
  return {
    message: problem.message,
    ...(problem.rule === undefined ? {} : { rule: problem.rule }),
    position: positionOf(source, problem.path, problem.at),
    ...(problem.key === undefined ? {} : { key: problem.key }),
  };
}

/** By line, then column; problems at the same place keep the order they were found in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const where = (p: Problem) => [p.position?.line ?? 0, p.position?.column ?? 0] as const;
  return [...problems].sort((a, b) => {
    const [la, ca] = where(a);
    const [lb, cb] = where(b);
    return la - lb || ca - cb;
  });
}

/** The file's absolute path, as loadConfig reads it. */
export function resolveConfigPath(file: string, options: ParseOptions = {}): string {
  return resolve(options.cwd ?? process.cwd(), file);
}
