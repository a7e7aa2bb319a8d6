// Checks plan files and saved reports against schemas/*.schema.json (one loader, one error format). Each
// schema is read and compiled on first use, so commands that never validate pay nothing.

import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { intervalRangeText } from "../model/index.js";

export type SchemaName = "plan" | "drift" | "audit" | "forecast";

const compiled = new Map<SchemaName, ValidateFunction>();

/** Problems with a plan file as `<json path>: <message>`; empty when it is valid. */
export function validatePlanJson(value: unknown): string[] {
  return validateAgainst("plan", value);
}

/** Problems with a drift report as `<json path>: <message>`; empty when it is valid. */
export function validateDriftJson(value: unknown): string[] {
  return validateAgainst("drift", value);
}

/** Problems with an audit report as `<json path>: <message>`; empty when it is valid. */
export function validateAuditJson(value: unknown): string[] {
  return validateAgainst("audit", value);
}

/** Problems with a forecast as `<json path>: <message>`; empty when it is valid. */
export function validateForecastJson(value: unknown): string[] {
  return validateAgainst("forecast", value);
}

/** The schema as shipped in the package (`schemas/` sits two levels above both src/plan-file and dist/plan-file). */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  const url = new URL(`../../schemas/${name}.schema.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

function validateAgainst(name: SchemaName, value: unknown): string[] {
  let validate = compiled.get(name);
  if (validate === undefined) {
    validate = new Ajv2020({ allErrors: true, strict: true }).compile(loadSchema(name));
    compiled.set(name, validate);
  }
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => !isWrapper(e));
  return dedupe(errors.filter((e) => !saidOtherwise(e, errors)).map(formatError));
}

/** The bounds of a mode's interval, for an interval the base pattern already refuses, add nothing. */
function saidOtherwise(error: ErrorObject, errors: readonly ErrorObject[]): boolean {
  return (
    boundedMode(error) !== undefined &&
    errors.some((e) => e !== error && e.instancePath === error.instancePath && e.keyword === "pattern")
  );
}

/** The rotation mode whose interval range an error is about (the plan schema's bounded intervals). */
function boundedMode(error: ErrorObject): "automatic" | "manual" | undefined {
  if (error.schemaPath.includes("/automaticInterval/")) return "automatic";
  if (error.schemaPath.includes("/manualInterval/")) return "manual";
  return undefined;
}

/** oneOf/if wrappers only repeat what their branches already said. */
function isWrapper(error: ErrorObject): boolean {
  return error.keyword === "if" || error.keyword === "oneOf";
}

function formatError(error: ErrorObject): string {
  const path = error.instancePath === "" ? "/" : error.instancePath;
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "additionalProperties")
    return `${path}: unknown field "${params.additionalProperty}"`;
  if (error.keyword === "enum")
    return `${path}: must be one of ${(params.allowedValues as unknown[]).join(", ")}`;
  if (error.keyword === "const") return `${path}: must be ${JSON.stringify(params.allowedValue)}`;
  const mode = boundedMode(error);
  if (mode !== undefined) return `${path}: out of range for ${mode} rotation (${intervalRangeText(mode)})`;
  if (error.keyword === "pattern") return `${path}: ${describePattern(String(params.pattern))}`;
  if (error.keyword === "false schema") return `${path}: not allowed here`;
  return `${path}: ${error.message ?? error.keyword}`;
}

function describePattern(pattern: string): string {
  if (pattern.includes("[dhms]")) return "must be an interval: an integer and d, h, m or s, e.g. 90d";
  if (pattern.includes("T[0-9]")) return "must be an ISO-8601 date-time, e.g. 2026-11-23T00:00:00Z";
  return `must match ${pattern}`;
}

function dedupe(messages: string[]): string[] {
  return [...new Set(messages)];
}
