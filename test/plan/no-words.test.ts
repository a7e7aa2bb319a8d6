// The planner decides; it does not write sentences (DESIGN convention 3: `90d` is written back only at
// the edge). No file of src/plan/ may use a duration formatter or the words of a problem code.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as auditWords from "../../src/words/audit-text.js";
import * as problemWords from "../../src/words/problem-text.js";

const PLAN = fileURLToPath(new URL("../../src/plan/", import.meta.url));

const FORMATTERS = [
  "formatDuration",
  "formatServiceInterval",
  "intervalRangeText",
  ...Object.keys(problemWords),
  ...Object.keys(auditWords),
];

function planFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return planFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("the planner writes no words", () => {
  it("knows the formatters it checks for", () => {
    expect(FORMATTERS).toEqual(expect.arrayContaining(["reasonText", "warningText", "auditReasonText"]));
  });

  it.each(planFiles(PLAN).map((f) => [f.slice(PLAN.length), f]))("%s uses no formatter", (_name, file) => {
    const text = readFileSync(file, "utf8");
    const used = FORMATTERS.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
    expect(used).toEqual([]);
  });
});
