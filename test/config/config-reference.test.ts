// docs/config.md's configuration reference is exactly what scripts/config-reference.mjs makes of the schema.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("docs/config.md configuration reference", () => {
  it("matches the schema", () => {
    const generated = execFileSync(process.execPath, ["scripts/config-reference.mjs"], {
      cwd: root,
      encoding: "utf8",
    });
    const readme = readFileSync(new URL("docs/config.md", `file://${root}`), "utf8");
    const section = /<!-- config-reference:start -->\n([\s\S]*?)<!-- config-reference:end -->/.exec(
      readme,
    )?.[1];
    expect(section, "docs/config.md lacks the config-reference markers").toBeDefined();
    expect(
      section === generated,
      "docs/config.md's configuration reference is out of date with schemas/config.schema.json: run `node scripts/config-reference.mjs --write`",
    ).toBe(true);
  });

  it("documents every field of the quickstart example", () => {
    const readme = readFileSync(new URL("docs/config.md", `file://${root}`), "utf8");
    for (const field of [
      "`version`",
      "`provider.local.seed`",
      "`defaults.region`",
      "`keys[].rotation.interval`",
      "`ignore[].tag.key`",
    ]) {
      expect(readme).toContain(field);
    }
  });
});
