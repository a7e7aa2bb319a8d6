// The config schema as shipped (schemas/config.schema.json), compiled on first use so commands that
// never read a config pay nothing for ajv.

import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

interface Compiled {
  readonly validate: ValidateFunction;
  /** Each subschema object under `$defs` -> where it sits there, e.g. "region", "rotation/allOf/0/then". */
  readonly locations: ReadonlyMap<object, string>;
}

let compiled: Compiled | undefined;

/** `schemas/` sits two levels above both src/config and dist/config. */
export function loadConfigSchema(): Record<string, unknown> {
  const url = new URL("../../schemas/config.schema.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

function compile(): Compiled {
  const schema = loadConfigSchema();
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
  const locations = new Map<object, string>();
  for (const [name, definition] of Object.entries((schema.$defs as Record<string, object>) ?? {})) {
    collect(definition, name, locations);
  }
  return { validate: ajv.compile(schema), locations };
}

function collect(node: unknown, pointer: string, into: Map<object, string>): void {
  if (node === null || typeof node !== "object") return;
  into.set(node, pointer);
  for (const [key, child] of Object.entries(node)) collect(child, `${pointer}/${key}`, into);
}

/** Every schema error in `value` (all of them, not the first), with the failing data and schema attached. */
export function schemaErrors(value: unknown): readonly ErrorObject[] {
  compiled ??= compile();
  return compiled.validate(value) ? [] : (compiled.validate.errors ?? []);
}

/**
 * Where under `$defs` the failing schema sits ("interval", "rotation/allOf/1/then/properties/interval").
 * ajv's schemaPath is relative to whichever definition it compiled separately, so it cannot say this;
 * the schema object itself can.
 */
export function schemaLocation(error: ErrorObject): string | undefined {
  compiled ??= compile();
  const schema: unknown = error.parentSchema;
  return schema !== null && typeof schema === "object" ? compiled.locations.get(schema) : undefined;
}
