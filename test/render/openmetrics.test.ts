// OpenMetrics text of drift and audit reports: label values escaped so any key name reads back exactly,
// and Prometheus' own parsers accept what we write.

import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DriftReport } from "../../src/model/index.js";
import { renderDriftOpenMetrics } from "../../src/render/index.js";
import { checkMetrics, hasPromtool, parseOpenMetrics } from "../helpers/promtool.js";

interface ParsedFamily {
  name: string;
  type: string;
  metrics: { value: string; labels?: Record<string, string> }[];
}
const parse: (text: string) => ParsedFamily[] = createRequire(import.meta.url)(
  "parse-prometheus-text-format",
);

const NOW = "2026-11-23T00:00:00Z";

function report(keys: readonly string[]): DriftReport {
  return {
    formatVersion: 1,
    now: NOW,
    inSync: false,
    keys: keys.map((key, i) => ({
      key,
      keyId: `key-${i}`,
      region: "cn-hangzhou",
      status: i % 2 === 0 ? "drifted" : "due",
      expected: { mode: "manual", interval: 90 * 86_400 },
      lastRotationDate: "2026-08-01T00:00:00Z",
    })),
  };
}

const NASTY = ['alias/quote"d', "alias/back\\slash", "alias/new\nline", "alias/ünïcode-鍵", 'a\\"b\\n'];

describe("OpenMetrics text", () => {
  it("key names with quotes, backslashes, new lines and non-ASCII read back exactly", () => {
    const families = parse(renderDriftOpenMetrics(report(NASTY)));
    const status = families.find((f) => f.name === "kms_rotation_drift_key_status");
    expect(status?.type).toBe("GAUGE");
    expect(status?.metrics.map((m) => m.labels?.key)).toEqual(NASTY);
  });

  it("for all key names: every label value reads back as it was (property)", () => {
    let special = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.string({
            unit: fc.oneof(
              fc.constantFrom('"', "\\", "\n", "}", ",", "=", "鍵"),
              fc.string({ unit: "binary", maxLength: 1 }),
            ),
            maxLength: 12,
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (keys) => {
          if (keys.some((k) => /["\\\n]/.test(k))) special++;
          const families = parse(renderDriftOpenMetrics(report(keys)));
          const status = families.find((f) => f.name === "kms_rotation_drift_key_status");
          expect(status?.metrics.map((m) => m.labels?.key)).toEqual(keys);
        },
      ),
      { numRuns: 200 },
    );
    // The escapes were exercised, not only plain names.
    expect(special).toBeGreaterThan(20);
  });

  it("counts, ages and the run's time are plain numbers in seconds; the text ends # EOF", () => {
    const text = renderDriftOpenMetrics(report(["alias/a", "alias/b", "alias/c"]));
    expect(text.endsWith("\n# EOF\n")).toBe(true);
    expect(text).toContain('kms_rotation_drift_keys{status="drifted"} 2\n');
    expect(text).toContain('kms_rotation_drift_keys{status="due"} 1\n');
    expect(text).toContain('kms_rotation_drift_keys{status="in-sync"} 0\n');
    expect(text).toContain("# UNIT kms_rotation_drift_key_current_version_age_seconds seconds\n");
    // 2026-08-01 to 2026-11-23 is 114 days.
    expect(text).toContain(
      'kms_rotation_drift_key_current_version_age_seconds{key="alias/a",key_id="key-0",region="cn-hangzhou"} 9849600\n',
    );
    expect(text).toContain(`kms_rotation_drift_timestamp_seconds ${Date.parse(NOW) / 1000}\n`);
    expect(text).not.toMatch(/\de[+-]?\d/);
  });

  it("an account or KeyId that is not known is left out of the labels, never written empty", () => {
    const base = report(["alias/a", "alias/b"]);
    const { keyId: _, ...missing } = base.keys[1] as DriftReport["keys"][number];
    const text = renderDriftOpenMetrics({
      ...base,
      keys: [{ ...(base.keys[0] as DriftReport["keys"][number]), account: "1234567890123456" }, missing],
    });
    expect(text).toContain(
      'kms_rotation_drift_key_status{key="alias/a",key_id="key-0",region="cn-hangzhou",account="1234567890123456",status="drifted"} 1\n',
    );
    expect(text).toContain(
      'kms_rotation_drift_key_status{key="alias/b",region="cn-hangzhou",status="due"} 1\n',
    );
    expect(text).not.toMatch(/=""/);
    if (hasPromtool) expect(checkMetrics(text)).toEqual({ code: 0, said: "" });
  });

  it.runIf(hasPromtool)("promtool's linter and its strict OpenMetrics parser accept nasty names", () => {
    const text = renderDriftOpenMetrics(report(NASTY));
    expect(checkMetrics(text)).toEqual({ code: 0, said: "" });
    expect(parseOpenMetrics(text, Date.parse(NOW) / 1000).code).toBe(0);
    // The parser is not a rubber stamp: a text without its # EOF, or a broken escape, is refused.
    expect(parseOpenMetrics(text.replace("# EOF\n", ""), 1).code).not.toBe(0);
    expect(checkMetrics(text.replace('quote\\"d', 'quote"d')).code).not.toBe(0);
  });
});
