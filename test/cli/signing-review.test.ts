// Signing keys as users meet them in every command, after an outside review: one reason for a key that
// cannot sign, SM2 keys and the JWK Set, what drift --published demands of each entry, unusable pointers.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { createKey } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();

function config(keys: readonly string[]): string {
  const file = join(lab.dir, "kms.yaml");
  const lines = keys.flatMap((k) => [
    `  - key: ${k}`,
    "    rotation: { mode: manual, interval: 7d }",
    "    signing: { publishAhead: 1d, verifyFor: 10d }",
  ]);
  writeFileSync(
    file,
    ["version: 1", "provider: { alibaba: { region: cn-hangzhou } }", "keys:", ...lines, ""].join("\n"),
  );
  return file;
}

const built = (...args: string[]) => runBuilt(lab.dir, [...args, ...at(lab.emu)]);

describe("a key that cannot sign", () => {
  it("is SigningUnsupported in plan, as in publish, also when it cannot rotate by hand", async () => {
    createKey(lab.emu, { spec: "Aliyun_AES_256", alias: "alias/sym" });
    const file = config(["alias/sym"]);
    const plan = await built("plan", file, "--format", "json");
    const entry = JSON.parse(plan.stdout).keys[0];
    expect(entry.action).toBe("blocked");
    expect(entry.reason.code).toBe("SigningUnsupported");
    const publish = await built("publish", file);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/SigningUnsupported/);
  });
});
