// Checks plan files and saved reports against schemas/*.schema.json, one error format for all; loading
// and compiling is the shared validator's (schemas.ts), so commands that never validate pay nothing.

import { intervalRangeText } from "../words/interval-text.js";
import { type ErrorObject, loadSchema as loadShipped, schemaValidator } from "./schemas.js";

export type SchemaName = "plan" | "drift" | "audit" | "forecast" | "publish";

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

/** Problems with a publish document as `<json path>: <message>`; empty when it is valid. */
export function validatePublishJson(value: unknown): string[] {
  return validateAgainst("publish", value);
}

/** The schema as shipped in the package. */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  return loadShipped(name);
}

function validateAgainst(name: SchemaName, value: unknown): string[] {
  const validate = schemaValidator(name);
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
