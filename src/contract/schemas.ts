// Every shipped JSON Schema as a validator, loaded in one place: the one `npm run build` generated ahead
// of time (dist/contract/validators/<name>.cjs) when it is there, else compiled by ajv on first use. The
// precompiled path skips importing ajv's compiler and compiling, about half of `validate`'s start-up.

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { compileValidator, LOCATION, type SchemaName } from "./schema-compile.js";

export type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
export { compileValidator, LOCATION, loadSchema, SCHEMA_NAMES, type SchemaName } from "./schema-compile.js";

const validators = new Map<SchemaName, ValidateFunction>();
const require = createRequire(import.meta.url);

/** The validator for `name`, the same function for the life of the process. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (validate === undefined) {
    validate = precompiledValidator(name) ?? compileValidator(name);
    validators.set(name, validate);
  }
  return validate;
}

/** The validator the build wrote next to this module, or undefined when there is none (from source). */
export function precompiledValidator(
  name: SchemaName,
  directory: URL = new URL("./validators/", import.meta.url),
): ValidateFunction | undefined {
  const file = fileURLToPath(new URL(`${name}.cjs`, directory));
  return existsSync(file) ? (require(file) as ValidateFunction) : undefined;
}

/**
 * Where under `$defs` the failing schema sits ("interval", "rotation/allOf/1/then/properties/interval"),
 * for validators compiled with `verbose`. ajv's schemaPath is relative to whichever definition it
 * compiled separately, so it cannot say this; the annotation on the schema object can.
 */
export function schemaLocation(error: ErrorObject): string | undefined {
  const location: unknown = error.parentSchema?.[LOCATION];
  return typeof location === "string" ? location : undefined;
}
