// One key declared twice under two names (an alias and its KeyId): validate cannot know it, and once KMS
// is read every command that reads the keys refuses the file (section 3: "the same key twice" is an
// invalid file), naming both declarations, and nothing is written.

import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { call, createKey, stats, writeConfig, writes } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

function twiceFleet(): { file: string; keyId: string } {
  const keyId = createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/other", rotation: "90d" });
  const file = writeConfig(
    lab.dir,
    [
      "  - key: alias/orders-db",
      "    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/other",
      "    rotation: { mode: automatic, interval: 90d }",
      `  - key: ${keyId}`,
      "    rotation: { mode: automatic, interval: 30d }",
      "",
    ].join("\n"),
  );
  return { file, keyId };
}

describe("the same key declared twice under two names", () => {
  it("plan, drift, audit and forecast refuse it at the second declaration, exit 1, no write", async () => {
    const { file, keyId } = twiceFleet();
    const said = `kms.yaml:10:10: ${keyId} is declared twice in cn-hangzhou (first at line 6, as alias/orders-db): both are KeyId ${keyId}; declare it once`;
    expect((await runCli(lab.dir, ["validate", file])).code).toBe(0);
    for (const args of [
      ["plan", file],
      ["plan", file, "--out", "plan.json"],
      ["drift", file],
      ["audit", file],
      ["forecast", file],
    ]) {
      const r = await runCli(lab.dir, [...args, ...at(lab.emu)]);
      expect(r.code, `${args.join(" ")}\n${r.err}`).toBe(1);
      expect(r.err, args.join(" ")).toContain(said);
    }
    expect(writes(await stats(lab.emu))).toBe(0);
    const meta = call(lab.emu, "DescribeKey", { KeyId: keyId }).KeyMetadata;
    expect(meta.RotationInterval).toBe(`${90 * 86400}s`);
  });

  it("apply --auto-approve, which writes as it reads, writes the key at most once and exits 1", async () => {
    const { file, keyId } = twiceFleet();
    const r = await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)]);
    expect(r.code, r.err).toBe(1);
    expect(`${r.out}${r.err}`).toContain(`is declared twice in cn-hangzhou`);
    expect(`${r.out}${r.err}`).toContain(`both are KeyId ${keyId}; declare it once`);
    expect(writes(await stats(lab.emu))).toBeLessThanOrEqual(1);
  });
});
