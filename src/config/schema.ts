// The config schema's errors for a parsed file, from the shared validator (src/schema/): precompiled by
// the build, so `validate` pays for neither importing ajv nor compiling the schema.

import { type ErrorObject, loadSchema, schemaValidator } from "../contract/schemas.js";

export { schemaLocation } from "../contract/schemas.js";

/** The config schema as shipped (schemas/config.schema.json). */
export function loadConfigSchema(): Record<string, unknown> {
  return loadSchema("config");
}

/** Every schema error in `value` (all of them, not the first), with the failing data and schema attached. */
export function schemaErrors(value: unknown): readonly ErrorObject[] {
  const validate = schemaValidator("config");
  return validate(value) ? [] : (validate.errors ?? []);
}
