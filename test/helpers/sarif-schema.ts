// The SARIF 2.1.0 JSON Schema as OASIS published it (draft-04; shipped by @microsoft/jest-sarif, MIT),
// compiled once with formats checked, so a log that code scanning would refuse fails the test.

import { createRequire } from "node:module";
import type { ErrorObject } from "ajv";
import AjvModule from "ajv-draft-04";
import formatsModule from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
// Both are CommonJS with `exports.default`: under nodenext the class is the default's default.
const Ajv = AjvModule.default;
const addFormats = formatsModule.default;

// The schema's language-tag pattern is not a valid unicode-mode regular expression.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const check = ajv.compile(schema);

/** Problems as `<instancePath> <message>`; empty when the log is valid SARIF 2.1.0. */
export function sarifProblems(log: unknown): string[] {
  if (check(log)) return [];
  return (check.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.message ?? e.keyword}`);
}
