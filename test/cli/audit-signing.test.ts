import { describe, expect, it } from "vitest";
import { validateAuditJson } from "../../src/contract/documents.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, signingKeyYaml, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

const lab = useLab();

describe("audit of a signing key", () => {
  it("is non-compliant once its active version is older than interval + publishAhead", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    const file = writeConfig(lab.dir, signingKeyYaml());
    const audit = async () => {
      const run = await runCli(lab.dir, ["audit", file, "--format", "json", ...at(lab.emu)]);
      const json = JSON.parse(run.out);
      expect(validateAuditJson(json)).toEqual([]);
      return { code: run.code, entry: json.keys[0] };
    };
    const apply = async () =>
      expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    await apply();
    const adopted = await audit();
    expect(adopted.code).toBe(0);
    const v1 = adopted.entry.activeVersion;
    expect(typeof v1).toBe("string");
    advanceDays(lab.emu, 7);
    await apply(); // a new version, waiting as next: the newest is young, the active one is not
    lab.emu.service.advanceClock(12 * 3600);
    const waiting = await audit();
    expect(waiting.code).toBe(0);
    expect(waiting.entry.activeVersion).toBe(v1);
    expect(waiting.entry.activeVersionAge).toBeGreaterThanOrEqual(7.5 * 86_400);
    lab.emu.service.advanceClock(12 * 3600);
    const stale = await audit();
    expect(stale.code).toBe(2);
    expect(stale.entry.verdict).toBe("non-compliant");
    expect(stale.entry.reasons.join("\n")).toMatch(
      /the active signing version \S+ is .* older than interval \+ publishAhead 8d/,
    );
    await apply(); // promotes the new version
    const promoted = await audit();
    expect(promoted.code).toBe(0);
    expect(promoted.entry.activeVersion).not.toBe(v1);
    expect(promoted.entry.activeVersionAge).toBeLessThan(2 * 86_400);
  });
});
