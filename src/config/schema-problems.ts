// Turns ajv's errors into one plain message per problem, naming the field the way the file does.
// Checks the semantic rules make better (key names, intervals per mode) are left to them.

import type { ErrorObject } from "../contract/schemas.js";
import { shownEndpoint } from "../model/endpoint.js";
import type { ProblemCode } from "../model/source.js";
import { atPath, closest, describeValue, type Path, type PathProblem, pathFromPointer } from "./path.js";
import { schemaLocation } from "./schema.js";

/**
 * Checks the semantic rules report with more to say (rules-keys.ts): the schema has them too, so that
 * editors flag them as you type, but the rules name the mode, the range, or what is wrong with an ARN.
 */
function leftToRules(error: ErrorObject): boolean {
  const location = schemaLocation(error) ?? "";
  return location.startsWith("rotation/allOf/") || (location === "keyRef" && error.keyword === "pattern");
}

const PATTERN_HINTS: Record<string, (value: string) => string> = {
  region: (v) => `${JSON.stringify(v)} is not a region id (like cn-hangzhou or ap-southeast-1)`,
  interval: (v) => `${JSON.stringify(v)} is not an interval: write <integer><d|h|m|s>, e.g. 90d`,
  // A URL may carry a password: never echo what could be one.
  url: (v) => `${JSON.stringify(shownEndpoint(v))} is not an http:// or https:// URL`,
  accountId: (v) => `${JSON.stringify(v)} is not an account uid (16 digits, as in ARNs)`,
};

export function schemaProblems(errors: readonly ErrorObject[], value: unknown): PathProblem[] {
  const kept = withoutCascades(errors).filter((e) => !leftToRules(e));
  const problems: PathProblem[] = [];
  for (const error of kept) {
    const problem = toProblem(error, pathFromPointer(error.instancePath, value));
    if (problem) problems.push({ ...problem, rule: ruleOf(error.keyword) });
  }
  return problems;
}

/** The kind of problem each of the schema's keywords finds; every other keyword is a wrong value. */
function ruleOf(keyword: string): ProblemCode {
  switch (keyword) {
    case "additionalProperties":
      return "UnknownField";
    case "required":
      return "MissingField";
    case "type":
      return "WrongType";
    case "const":
    case "enum":
      return "NotAllowed";
    default:
      return "InvalidValue";
  }
}

/**
 * A failed oneOf/anyOf says "no branch matched" and then every branch says why; keep the one summary.
 * `if` and `propertyNames` only repeat what their inner errors already say.
 */
function withoutCascades(errors: readonly ErrorObject[]): ErrorObject[] {
  const summaries = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
  return errors.filter((e) => {
    if (e.keyword === "if" || e.keyword === "propertyNames") return false;
    return !summaries.some((s) => s !== e && e.schemaPath.startsWith(`${s.schemaPath}/`));
  });
}

function toProblem(error: ErrorObject, path: Path): PathProblem | undefined {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return unknownField(error, path, String(params.additionalProperty));
    case "required": {
      const field = String(params.missingProperty);
      return { path, subject: [...path, field], message: atPath(path, `missing required field "${field}"`) };
    }
    case "type":
      return { path, message: typeMessage(path, params.type, error.data) };
    case "const":
      return constProblem(error, path);
    case "enum":
      return enumProblem(error, path, params.allowedValues as readonly unknown[]);
    case "pattern":
      return patternProblem(error, path, params);
    case "minLength":
      return { path, message: atPath(path, "must not be empty") };
    case "minProperties":
    case "maxProperties":
      return { path, message: atPath(path, countMessage(error, path)) };
    case "oneOf":
    case "anyOf":
      return { path, message: atPath(path, `is none of the allowed forms (${describeValue(error.data)})`) };
    default:
      return { path, message: atPath(path, error.message ?? `fails "${error.keyword}"`) };
  }
}

function unknownField(error: ErrorObject, path: Path, field: string): PathProblem {
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  const guess = closest(field, known);
  const hint = guess
    ? ` (did you mean "${guess}"?)`
    : known.length > 0
      ? ` (expected ${known.join(", ")})`
      : "";
  return { path: [...path, field], at: "key", message: atPath(path, `unknown field "${field}"${hint}`) };
}

function constProblem(error: ErrorObject, path: Path): PathProblem {
  const allowed = JSON.stringify((error.params as { allowedValue: unknown }).allowedValue);
  if (path.length === 1 && path[0] === "version") {
    return {
      path,
      message: `version: must be ${allowed} (the only version this tool reads), got ${describeValue(error.data)}`,
    };
  }
  return { path, message: atPath(path, `must be ${allowed}, got ${describeValue(error.data)}`) };
}

function enumProblem(error: ErrorObject, path: Path, allowed: readonly unknown[]): PathProblem {
  const names = allowed.map(String);
  const guess = typeof error.data === "string" ? closest(error.data, names) : undefined;
  const hint = guess ? ` (did you mean "${guess}"?)` : "";
  const got = typeof error.data === "string" ? JSON.stringify(error.data) : describeValue(error.data);
  return { path, message: atPath(path, `${got} is not one of ${names.join(", ")}${hint}`) };
}

function patternProblem(error: ErrorObject, path: Path, params: Record<string, unknown>): PathProblem {
  const definition = schemaLocation(error) ?? "";
  const hint = PATTERN_HINTS[definition];
  // A pattern under propertyNames is about a property name, not a value.
  const name = error.propertyName;
  if (name !== undefined) {
    const message = hint ? hint(name) : `${JSON.stringify(name)} must match ${String(params.pattern)}`;
    return { path: [...path, name], at: "key", message: atPath(path, message) };
  }
  const text = String(error.data);
  const message = hint ? hint(text) : `${JSON.stringify(text)} must match ${String(params.pattern)}`;
  return { path, message: atPath(path, message) };
}

function countMessage(error: ErrorObject, path: Path): string {
  const known = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
  if (path.length === 1 && path[0] === "provider") {
    return error.keyword === "minProperties"
      ? "name a provider: alibaba or local (or leave provider out for local)"
      : "name only one provider: alibaba or local, not both";
  }
  if (error.keyword === "minProperties") return `needs at least one of ${known.join(", ")}`;
  return `may have only one of ${known.join(", ")}`;
}

function typeMessage(path: Path, type: unknown, data: unknown): string {
  if (path.length === 0) {
    return `a config file is a mapping with at least version and keys; this one holds ${describeValue(data)}`;
  }
  return atPath(path, `expected ${typeName(type)}, got ${describeValue(data)}`);
}

function typeName(type: unknown): string {
  const names: Record<string, string> = {
    object: "a mapping",
    array: "a list",
    string: "a string",
    integer: "an integer",
    number: "a number",
    boolean: "true or false",
  };
  return String(type)
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" or ");
}
