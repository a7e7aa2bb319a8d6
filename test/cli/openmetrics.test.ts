// `drift --format openmetrics`, `audit --format openmetrics` and `render` of their saved JSON: one series
// per key with its status or verdict, counts, ages; the same text either way; Prometheus reads it.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";
import { checkMetrics, hasPromtool, parseOpenMetrics } from "../helpers/promtool.js";

const lab = useLab();

function fleet(): string {
  createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/turned-off" });
  createKey(lab.emu, { alias: "alias/signer", spec: "RSA_2048" });
  advanceDays(lab.emu, 200);
  call(lab.emu, "CreateKeyVersion", { KeyId: "alias/signer" });
  advanceDays(lab.emu, 40);
  return writeConfig(
    lab.dir,
    [
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/turned-off\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/signer\n    rotation: { mode: manual, interval: 30d }",
      "  - key: alias/gone\n    rotation: { mode: automatic, interval: 90d }",
    ].join("\n"),
  );
}

/** `name{labels} value` lines of one family, as `labels value`. */
function series(text: string, name: string): string[] {
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => line.slice(name.length));
}

describe("--format openmetrics", () => {
  it("drift: a series per key with its status, counts per status, the manual key's age; exit 2", async () => {
    const file = fleet();
    const flags = at(lab.emu);
    const r = await runCli(lab.dir, ["drift", file, "--format", "openmetrics", ...flags]);
    expect(r.code).toBe(2);
    const statuses = series(r.out, "kms_rotation_drift_key_status").map((s) =>
      s.replace(/key_id="[^"]+"/, "key_id=…"),
    );
    expect(statuses).toEqual([
      '{key="alias/orders-db",key_id=…,region="cn-hangzhou",status="in-sync"} 1',
      '{key="alias/turned-off",key_id=…,region="cn-hangzhou",status="drifted"} 1',
      '{key="alias/signer",key_id=…,region="cn-hangzhou",status="due"} 1',
      // No KeyId (the alias names no key) and no account in the config: labels left out, not empty.
      '{key="alias/gone",region="cn-hangzhou",status="missing"} 1',
    ]);
    expect(series(r.out, "kms_rotation_drift_keys")).toEqual([
      '{status="in-sync"} 1',
      '{status="drifted"} 1',
      '{status="due"} 1',
      '{status="missing"} 1',
      '{status="blocked"} 0',
      '{status="error"} 0',
      '{status="unmanaged"} 0',
    ]);
    // The signer's version was made 40 days ago; its declared interval is 30 days.
    expect(series(r.out, "kms_rotation_drift_key_current_version_age_seconds")).toEqual([
      expect.stringMatching(/key="alias\/signer".*\} 345600\d$/),
    ]);
    const age = Number(series(r.out, "kms_rotation_drift_key_current_version_age_seconds")[0]?.split(" ")[1]);
    expect(Math.abs(age - 40 * 86_400)).toBeLessThan(60);
    // The run's own time: its --now (the report keeps whole seconds).
    const now = Math.floor(Date.parse(flags[flags.indexOf("--now") + 1] as string) / 1000);
    expect(series(r.out, "kms_rotation_drift_timestamp_seconds")).toEqual([` ${now}`]);
    expect(r.out.endsWith("# EOF\n")).toBe(true);
  });

  it("audit: verdicts, counts, ages, next rotation; render of the saved JSON gives the same text", async () => {
    const file = fleet();
    const direct = await runCli(lab.dir, ["audit", file, "--format", "openmetrics", ...at(lab.emu)]);
    expect(direct.code).toBe(2);
    expect(series(direct.out, "kms_rotation_audit_keys")).toEqual([
      '{verdict="compliant"} 1',
      '{verdict="non-compliant"} 3',
      '{verdict="exempt"} 0',
      '{verdict="not-applicable"} 0',
    ]);
    expect(
      series(direct.out, "kms_rotation_audit_key_verdict").map((s) => s.match(/verdict="([^"]+)"/)?.[1]),
    ).toEqual(["compliant", "non-compliant", "non-compliant", "non-compliant"]);
    // orders-db rotates every 90 days, the signer falls due 30 days after its version: dates, in seconds.
    expect(series(direct.out, "kms_rotation_audit_key_next_rotation_timestamp_seconds")).toEqual([
      expect.stringMatching(/^\{key="alias\/orders-db",.*\} \d{10}$/),
      expect.stringMatching(/^\{key="alias\/signer",.*\} \d{10}$/),
    ]);
    expect(series(direct.out, "kms_rotation_audit_policy_max_interval_seconds")).toEqual([" 31536000"]);

    const json = await runCli(lab.dir, ["audit", file, "--format", "json", ...at(lab.emu)]);
    const saved = join(lab.dir, "audit.json");
    writeFileSync(saved, json.out);
    const rendered = await runCli(lab.dir, ["render", saved, "--format", "openmetrics"]);
    expect(rendered.code).toBe(0);
    const now = (text: string) => text.replace(/(_seconds\{[^}]*\}|_timestamp_seconds) \d+(\.\d+)?/g, "$1 N");
    expect(now(rendered.out)).toBe(now(direct.out));
  });

  it.runIf(hasPromtool)("promtool check metrics and the strict OpenMetrics parser accept both", async () => {
    const file = fleet();
    for (const command of ["drift", "audit"]) {
      const r = await runCli(lab.dir, [command, file, "--format", "openmetrics", ...at(lab.emu)]);
      expect(checkMetrics(r.out)).toEqual({ code: 0, said: "" });
      const parsed = parseOpenMetrics(r.out, Math.floor(lab.emu.service.now().getTime() / 1000));
      expect(parsed.code, parsed.said).toBe(0);
    }
  });
});
