// The shipped JSON Schemas compiled with ajv in strict mode, as a test harness independent of the
// validators under test.

import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";

function compile(name: "plan" | "drift") {
  const schema = JSON.parse(
    readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), "utf8"),
  );
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}

export const validatePlanSchema = compile("plan");
export const validateDriftSchema = compile("drift");

export function schemaErrors(validate: ReturnType<typeof compile>, value: unknown): unknown[] {
  return validate(value) ? [] : (validate.errors ?? []);
}
