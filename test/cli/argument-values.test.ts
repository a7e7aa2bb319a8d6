// Option values at the edges: a negative number is judged as a value (not taken for a missing one), a
// single-value option given twice takes its last value, a mistyped --format gets "did you mean",
// and another command's format gets this command's list.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { captureIo } from "../helpers/io.js";

async function run(args: string[]) {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("option values", () => {
  it.each([
    [
      ["plan", "kms.yaml", "--qps", "-1"],
      'error: --qps: expected a number or read=<n>,write=<n>,create=<n> with positive numbers (got "-1"); see `kms-rotation plan --help`',
    ],
    [
      ["forecast", "kms.yaml", "--for", "-5d"],
      'error: --for must be an interval such as 90d, at most 3660d (got "-5d"); see `kms-rotation forecast --help`',
    ],
    [
      ["plan", "kms.yaml", "--format", "jsn"],
      'error: --format must be one of text, json, markdown (got "jsn"); did you mean json?; see `kms-rotation plan --help`',
    ],
    // Another command's format is no typo: the command's own formats, no "did you mean".
    [
      ["audit", "kms.yaml", "--format", "ics"],
      "error: --format ics is not one this command writes; it writes text, json, markdown, csv, sarif, openmetrics; see `kms-rotation audit --help`",
    ],
    [
      ["forecast", "kms.yaml", "--format", "csv"],
      "error: --format csv is not one this command writes; it writes text, json, markdown, ics; see `kms-rotation forecast --help`",
    ],
    // Every format some command writes counts, the newer report formats too.
    [
      ["plan", "kms.yaml", "--format", "sarif"],
      "error: --format sarif is not one this command writes; it writes text, json, markdown; see `kms-rotation plan --help`",
    ],
    [
      ["plan", "kms.yaml", "--format", "openmetrics"],
      "error: --format openmetrics is not one this command writes; it writes text, json, markdown; see `kms-rotation plan --help`",
    ],
    // The last of a repeated option wins (CONTRACT section 2): it is the one judged.
    [
      ["plan", "kms.yaml", "--format", "text", "--format", "jsn"],
      'error: --format must be one of text, json, markdown (got "jsn"); did you mean json?; see `kms-rotation plan --help`',
    ],
    [
      ["plan", "kms.yaml", "--endpoint", "--now", "2026-01-01"],
      "error: --endpoint needs a value (<url>); see `kms-rotation plan --help`",
    ],
  ])("%j: %s", async (args, line) => {
    expect(await run(args)).toEqual({ code: 1, out: "", err: `${line}\n` });
  });

  it("a negative --concurrency is always judged as a value, whatever the number", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1_000_000, max: -1 }), async (n) => {
        const r = await run(["plan", "kms.yaml", "--concurrency", String(n)]);
        expect(r.code).toBe(1);
        expect(r.err).toContain(`--concurrency must be a whole number from 1 to 1000 (got "${n}")`);
      }),
      { numRuns: 25 },
    );
  });

  it("a repeatable option may be repeated", async () => {
    const r = await run(["import", "--region", "cn-hangzhou", "--region", "cn-shanghai", "--format", "yml"]);
    expect(r.err).not.toContain("more than once");
    expect(r.err).toContain("did you mean yaml?");
  });
});
