import { describe, expect, it } from "vitest";
import { parseStringPromise } from "xml2js";
import { validateDriftJson } from "../../src/contract/documents.js";
import { driftToJson } from "../../src/contract/drift-json.js";
import type { DriftEntry } from "../../src/model/drift.js";
import { DAY } from "../../src/model/duration.js";
import { renderDriftJunit, renderDriftMarkdown, renderDriftText } from "../../src/render/index.js";
import { ANSI, driftEntries, driftOf, NOW } from "./fixtures.js";
import { schemaErrors, validateDriftSchema } from "./schema.js";

const report = driftOf(driftEntries);
const inSync = driftOf(driftEntries.filter((e) => e.status === "in-sync"));

describe("drift report as JSON (contract section 7)", () => {
  it("matches the contract's example exactly", () => {
    expect(driftToJson(driftOf(driftEntries.slice(0, 1)))).toStrictEqual({
      formatVersion: 1,
      now: NOW,
      inSync: false,
      keys: [
        {
          key: "alias/orders-db",
          keyId: "key-orders",
          region: "cn-hangzhou",
          status: "drifted",
          expected: { mode: "automatic", interval: "90d" },
          actual: { mode: "off" },
        },
      ],
    });
  });

  it("keeps key order, formats 36h as 36h, marks suspended, leaves absent fields out", () => {
    const json = driftToJson(report);
    expect(json.keys.map((k) => k.key)).toEqual(driftEntries.map((e) => e.key));
    expect(json.keys[2]).toStrictEqual({
      key: "alias/gone",
      region: "cn-hangzhou",
      status: "missing",
      expected: { mode: "automatic", interval: "36h" },
      reason: { code: "AliasNotFound", message: "no alias alias/gone" },
    });
    expect(json.keys[3]?.actual).toStrictEqual({ mode: "automatic", interval: "90d", suspended: true });
    expect(json.keys[1]?.lastRotationDate).toBe("2026-05-01T00:00:00Z");
    expect(JSON.stringify(json)).not.toMatch(/null|undefined/);
  });

  it("validates against schemas/drift.schema.json", () => {
    for (const value of [driftToJson(report), driftToJson(inSync), driftToJson(driftOf([]))]) {
      expect(schemaErrors(validateDriftSchema, value)).toEqual([]);
      expect(validateDriftJson(value)).toEqual([]);
    }
    expect(validateDriftJson({ ...driftToJson(report), inSync: "no" })).toEqual(["/inSync: must be boolean"]);
  });
});

describe("drift report as text", () => {
  it("lists the keys not in sync with their status, and a verdict", () => {
    const text = renderDriftText(report, { colour: false });
    expect(text).toContain(
      "  drifted   alias/orders-db        cn-hangzhou  expected automatic every 90d, actual off\n",
    );
    expect(text).toContain(
      "  due       alias/payments-signer  cn-shanghai  manual every 180d, last rotated 2026-05-01, 206d ago",
    );
    expect(text).toContain(
      "  missing   alias/gone             cn-hangzhou  AliasNotFound: no alias alias/gone\n",
    );
    expect(text).toContain(
      "  unmanaged key-stray              cn-shanghai  not in the file; actual automatic every 365d\n",
    );
    expect(text).not.toContain("alias/backups");
    expect(text).toContain("Drift found: 1 drifted, 1 due, 1 missing, 1 blocked, 1 unmanaged, 1 in sync.");
  });

  it("says every key rotates as declared when in sync", () => {
    expect(renderDriftText(inSync, { colour: false })).toContain("In sync: 1 key, all rotating as declared.");
    expect(renderDriftText(inSync, { colour: false, verbose: true })).toContain("in-sync   alias/backups");
  });

  it("colours only when asked", () => {
    expect(renderDriftText(report, { colour: false, verbose: true })).not.toMatch(ANSI);
    expect(renderDriftText(report, { colour: true })).toMatch(ANSI);
  });
});

describe("drift report as Markdown", () => {
  it("has a ❌ verdict, counts, a table of the keys not in sync and the in-sync keys folded", () => {
    const md = renderDriftMarkdown(report);
    expect(md).toMatch(/^### ❌ /);
    expect(md).toContain("**1 drifted, 1 due, 1 missing, 1 blocked, 1 unmanaged, 1 in sync**");
    expect(md).toContain("| drifted | alias/orders-db | cn-hangzhou | automatic every 90d | off |");
    const [open, folded] = md.split("<details>");
    expect(open).not.toContain("alias/backups");
    expect(folded).toContain("<summary>1 key in sync</summary>");
    expect(folded).toContain("| in-sync | alias/backups |");
  });

  it("has a ✅ verdict when in sync, and escapes | in cells", () => {
    expect(renderDriftMarkdown(inSync)).toMatch(/^### ✅ /);
    const odd = driftOf([{ ...(driftEntries[0] as DriftEntry), key: "alias/x|y" }]);
    expect(renderDriftMarkdown(odd)).toContain("| alias/x\\|y |");
  });
});

/** The parts of xml2js's output the tests read. */
interface TestCase {
  $: Record<string, string>;
  failure?: { $: Record<string, string>; _: string }[];
}

describe("drift report as JUnit XML", () => {
  async function parse(xml: string) {
    // xml2js parses strictly: anything not well-formed is an error.
    return parseStringPromise(xml, { strict: true });
  }

  it("is well-formed, one suite per region, one test case per key, failures per status", async () => {
    const doc = await parse(renderDriftJunit(report));
    expect(doc.testsuites.$).toMatchObject({ tests: "6", failures: "5" });
    const suites = doc.testsuites.testsuite as { $: Record<string, string>; testcase: TestCase[] }[];
    expect(suites.map((s) => s.$.name)).toEqual([
      "kms-rotation drift cn-hangzhou",
      "kms-rotation drift cn-shanghai",
    ]);
    expect(suites.map((s) => [s.$.tests, s.$.failures, s.$.timestamp])).toEqual([
      ["4", "3", NOW],
      ["2", "2", NOW],
    ]);
    const cases = suites.flatMap((s) => s.testcase);
    expect(cases).toHaveLength(driftEntries.length);
    expect(cases.map((c) => c.$.classname)).toContain("kms-rotation.cn-shanghai");
    const failures = cases.flatMap((c) => c.failure ?? []);
    expect(failures.map((f) => f.$.type).sort()).toEqual([
      "blocked",
      "drifted",
      "due",
      "missing",
      "unmanaged",
    ]);
    const drifted = failures.find((f) => f.$.type === "drifted");
    if (drifted === undefined) throw new Error("no drifted failure");
    expect(drifted.$.message).toBe("drifted: expected automatic every 90d, actual off");
    expect(drifted._).toContain("expected: automatic every 90d\nactual: off");
  });

  it("an in-sync report has test cases and no failures", async () => {
    const doc = await parse(renderDriftJunit(inSync));
    expect(doc.testsuites.$.failures).toBe("0");
    expect(doc.testsuites.testsuite[0].testcase[0].failure).toBeUndefined();
  });

  it("escapes & < > \" ' and drops characters XML 1.0 does not allow", async () => {
    const key = "alias/a&b<c>\"d'e\u0000\u0001\u000b\ufffe\ud800";
    const entry: DriftEntry = {
      key,
      region: "cn-<hz>",
      status: "drifted",
      expected: { mode: "automatic", interval: 90 * DAY },
      actual: { mode: "off" },
      reason: { code: "X&Y", message: "line one\nline <two> & ]]> three" },
    };
    const xml = renderDriftJunit(driftOf([entry]));
    expect(xml).toContain('name="alias/a&amp;b&lt;c&gt;&quot;d&apos;e"');
    const doc = await parse(xml);
    const testcase = doc.testsuites.testsuite[0].testcase[0];
    expect(testcase.$.name).toBe("alias/a&b<c>\"d'e");
    expect(testcase.$.classname).toBe("kms-rotation.cn-<hz>");
    expect(testcase.failure[0]._).toContain("reason: X&Y: line one\nline <two> & ]]> three");
  });

  it("an empty report is still a valid document", async () => {
    const doc = await parse(renderDriftJunit(driftOf([])));
    expect(doc.testsuites.$.tests).toBe("0");
  });
});
