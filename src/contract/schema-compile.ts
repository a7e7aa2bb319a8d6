// Compiling a shipped schema with ajv, the one way both paths do it: at build time into standalone code
// (scripts/compile-schemas.mjs) and at run time when no precompiled validator exists (running from
// source). ajv is required lazily so that a process using the precompiled validators never loads it.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv2020, Options, ValidateFunction } from "ajv/dist/2020.js";

export type SchemaName = "config" | "plan" | "drift" | "audit" | "forecast" | "fleet" | "publish";

export const SCHEMA_NAMES: readonly SchemaName[] = [
  "config",
  "plan",
  "drift",
  "audit",
  "forecast",
  "fleet",
  "publish",
];

/**
 * The annotation each subschema under `$defs` carries: where it sits there, e.g. "rotation/allOf/0/then".
 * Read back from `error.parentSchema`, it survives standalone code, which copies the schema objects.
 */
export const LOCATION = "x-location";

/**
 * The config's messages read the failing data and schema (`verbose`), and its rules express "required
 * when" with if/then, which strictRequired would refuse. The other schemas are checked at full strictness.
 */
const OPTIONS: Record<SchemaName, Options> = {
  config: { allErrors: true, verbose: true, strict: true, strictRequired: false },
  plan: { allErrors: true, strict: true },
  drift: { allErrors: true, strict: true },
  audit: { allErrors: true, strict: true },
  forecast: { allErrors: true, strict: true },
  fleet: { allErrors: true, strict: true },
  publish: { allErrors: true, strict: true },
};

const require = createRequire(import.meta.url);

/** The schema as shipped (`schemas/` sits two levels above both src/contract and dist/contract). */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  const url = new URL(`../../schemas/${name}.schema.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown>;
}

/** Compiled in this process: what running from source uses, and the reference the build is held to. */
export function compileValidator(name: SchemaName): ValidateFunction {
  return newAjv(name, false).compile(annotated(name));
}

/** The CommonJS module `npm run build` writes for a schema: the validator as code, ajv's compiler gone. */
export function standaloneCode(name: SchemaName): string {
  const ajv = newAjv(name, true);
  const validate = ajv.compile(annotated(name));
  const generate = require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js");
  return generate.default(ajv, validate);
}

function newAjv(name: SchemaName, source: boolean): Ajv2020 {
  const ajv = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const instance = new ajv.Ajv2020({ ...OPTIONS[name], ...(source ? { code: { source: true } } : {}) });
  instance.addKeyword({ keyword: LOCATION, schemaType: "string" });
  return instance;
}

function annotated(name: SchemaName): Record<string, unknown> {
  const schema = loadSchema(name);
  for (const [key, definition] of Object.entries((schema.$defs as Record<string, unknown>) ?? {})) {
    annotate(definition, key);
  }
  return schema;
}

/** Keywords whose value is a schema, a list of schemas, or a map of names to schemas (draft 2020-12). */
const ONE = new Set([
  "additionalProperties",
  "propertyNames",
  "items",
  "contains",
  "not",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
]);
const LIST = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
const MAP = new Set(["properties", "patternProperties", "dependentSchemas", "$defs"]);

/** Marks `schema` and every subschema in it with where it sits, as `parent/keyword/name-or-index`. */
function annotate(schema: unknown, location: string): void {
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return;
  const entries = Object.entries(schema);
  (schema as Record<string, unknown>)[LOCATION] = location;
  for (const [keyword, value] of entries) {
    if (ONE.has(keyword)) annotate(value, `${location}/${keyword}`);
    const children = LIST.has(keyword) && Array.isArray(value) ? value.entries() : [];
    for (const [i, child] of children) annotate(child, `${location}/${keyword}/${i}`);
    if (MAP.has(keyword) && value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) annotate(child, `${location}/${keyword}/${key}`);
    }
  }
}
