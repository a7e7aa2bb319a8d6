// The saved plan on disk: written as JSON, read back, checked against schemas/plan.schema.json.
// Failures are values (a message and details for people), never thrown at the CLI.

import { resolve } from "node:path";
import { validatePlanJson } from "../contract/documents.js";
import { planFromJson } from "../contract/plan-json.js";
import { type Plan, parseEndpoint } from "../model/index.js";
import { writeFileAtomicAsync } from "../support/atomic-write.js";
import { fileErrorWords } from "../words/file-words.js";
import { repeatedKeysRefusalText, repeatedKeyText, unreadKeysRefusalText } from "../words/plan-file-text.js";
import { cannotWriteText } from "../words/problem-text.js";
import { readBoundedText, readHead } from "./bounded-read.js";
import { inconsistentKeys } from "./consistency.js";
import { duplicateKeys, repeatedKeys, summaryProblem } from "./duplicates.js";
import { type SavedPlanParts, savedPartsFromJson, savedPlanToJson } from "./saved.js";

export interface PlanFileProblem {
  readonly message: string;
  /** One line each, printed indented under the message. */
  readonly details?: readonly string[];
}

export type ReadPlanFile =
  | { readonly plan: Plan; readonly saved: SavedPlanParts }
  | { readonly problem: PlanFileProblem };

/** A path names a saved plan when it ends in .json or its content starts with `{` (YAML configs do not). */
export async function isPlanFile(file: string): Promise<boolean> {
  if (file.endsWith(".json")) return true;
  // The head only: the file may be a huge config (refused later by its own limit) or endless (/dev/zero).
  return (await readHead(file)).trimStart().startsWith("{");
}

/**
 * A saved plan (`plan --out`) read and checked against its schema: the plan and what each key looked
 * like, or a problem for people. Messages name the file as `shown` (as the user gave it; default `path`).
 *
 * @example
 * ```ts
 * const read = await readPlanFile("plan.json");
 * if ("problem" in read) console.error(read.problem.message);
 * ```
 */
export async function readPlanFile(path: string, shown = path): Promise<ReadPlanFile> {
  const file = shown;
  let value: unknown;
  let text: string;
  try {
    const read = await readBoundedText(path);
    if ("tooLarge" in read)
      return { problem: { message: `${file}: not a plan file this tool wrote: it is ${read.tooLarge}` } };
    text = read.text;
  } catch (error) {
    // The file in words as the user named it: no errno, no absolute path (CONTRACT section 14).
    return { problem: { message: `cannot read ${file}: ${fileErrorWords(error)}` } };
  }
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: { message: `${file}: not a readable plan file: ${(error as Error).message}` } };
  }
  const problems = validatePlanJson(value);
  if (problems.length > 0)
    return {
      problem: { message: `${file} is not a valid plan file:`, details: problems.map(naming(value)) },
    };
  const saved = savedPartsFromJson(value);
  if (!saved)
    return { problem: { message: `${file} is a plan without saved state: make one with plan --out` } };
  const plan = planFromJson(value);
  // Checked before any KMS call: what is shown for approval must be what the plan would do.
  const summary = summaryProblem(plan);
  const inconsistent = [
    ...duplicateKeys(plan),
    ...inconsistentKeys(plan, saved.observed),
    ...(summary === undefined ? [] : [summary]),
    ...providerProblems(saved.provider),
  ];
  if (inconsistent.length > 0) {
    const message = `${file} contradicts itself (edited by hand?); nothing was changed. Run plan again:`;
    return { problem: { message, details: inconsistent } };
  }
  return { plan, saved };
}

/** A problem under /keys/<n> names that key too, when the entry says which it is. */
function naming(value: unknown): (problem: string) => string {
  const keys = (value as { keys?: unknown })?.keys;
  return (problem) => {
    const index = /^\/keys\/([0-9]+)[/:]/.exec(problem)?.[1];
    const key =
      Array.isArray(keys) && index !== undefined
        ? (keys[Number(index)] as { key?: unknown })?.key
        : undefined;
    return typeof key === "string" ? `${key}: ${problem}` : problem;
  };
}

/** Endpoints the saved provider names, held to the rule the KMS client applies (no password printed). */
function providerProblems(provider: unknown): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string, isEndpoint: boolean) => {
    if (typeof value === "string" && isEndpoint) {
      const parsed = parseEndpoint(value);
      if ("problem" in parsed) problems.push(`saved.provider${path}: ${parsed.problem}`);
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [name, inner] of Object.entries(value)) {
        const endpoint = name === "endpoint" || name === "stsEndpoint" || path.endsWith(".endpoints");
        visit(inner, `${path}.${name}`, endpoint);
      }
    }
  };
  visit(provider, "", false);
  return problems;
}

/**
 * Why `plan` may not be saved to `file`: it is one apply would refuse (a key that could not be read, one
 * key named twice). Undefined when it may. writePlanFile refuses such a plan itself, so no caller can
 * save one.
 */
export function saveRefusal(plan: Plan, file: string): PlanFileProblem | undefined {
  // A key that could not be read is an error entry (and a diagnostic); a plan holding one is not saved.
  if (plan.summary.errors > 0) return { message: unreadKeysRefusalText(file, plan.summary.errors) };
  // One key declared twice (by alias and by KeyId) would be written twice, and apply refuses such a plan.
  const twice = repeatedKeys(plan);
  if (twice.length === 0) return undefined;
  return {
    message: repeatedKeysRefusalText(file),
    details: twice.map((r) => repeatedKeyText(r.again, r.first)),
  };
}

/**
 * Saves a plan as `plan --out` does, with what each key looked like, for a later apply: whole or not at
 * all (temporary file, fsync, rename), readable by its owner only whatever the umask (a plan names every
 * key and where KMS is); a symlink or special file at the path is refused, and a path that cannot be
 * written is a problem naming it. A relative path is taken from `cwd`. A plan apply would refuse (keys
 * that could not be read, one key named twice) is not written: the problem says why (saveRefusal).
 *
 * @example
 * ```ts
 * const { plan: planned, saved } = await planConfig("kms.yaml");
 * if (planned && saved) await writePlanFile("plan.json", planned, saved);
 * ```
 */
export async function writePlanFile(
  file: string,
  plan: Plan,
  saved: SavedPlanParts,
  cwd = process.cwd(),
): Promise<PlanFileProblem | undefined> {
  const refused = saveRefusal(plan, file);
  if (refused) return refused;
  try {
    await writeFileAtomicAsync(
      resolve(cwd, file),
      `${JSON.stringify(savedPlanToJson(plan, saved), null, 2)}\n`,
    );
    return undefined;
  } catch (error) {
    return { message: cannotWriteText(file, (error as NodeJS.ErrnoException).code) };
  }
}
