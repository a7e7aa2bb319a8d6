// Part of `npm run build`, after tsc: writes each shipped schema's validator as standalone code into
// dist/contract/validators/, where src/contract/schemas.ts looks first. It compiles through the same module
// (dist/contract/schema-compile.js) as the run-time fallback, so both paths share options and annotations.

import { mkdirSync, writeFileSync } from "node:fs";
import { SCHEMA_NAMES, standaloneCode } from "../dist/contract/schema-compile.js";

const directory = new URL("../dist/contract/validators/", import.meta.url);
mkdirSync(directory, { recursive: true });
for (const name of SCHEMA_NAMES) {
  writeFileSync(new URL(`${name}.cjs`, directory), standaloneCode(name));
}
