// The text formats audit and forecast write for other programs: CSV as RFC 4180 (and inert in a
// spreadsheet), iCalendar lines as RFC 5545 folds and escapes them.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csv } from "../../src/render/csv.js";
import { escapeText, fold, uidOf } from "../../src/render/forecast-ics.js";

/** A minimal RFC 4180 reader, to read back what csv() wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n")
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    else field += c;
  }
  return rows;
}

describe("csv", () => {
  it("reads back cell for cell, whatever the text holds", () => {
    // fc.string() is printable ASCII: no line break, and a formula's first character only now and then.
    const cell = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "=", "+", "-", "@", "\t", " ") }),
    );
    const seen = { formula: 0, quoted: 0, plain: 0 };
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = csv(["a", "b"], rows);
        const inert = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
        for (const c of rows.flat()) {
          if (/^[=+\-@\t\r]/.test(c)) seen.formula++;
          else if (/[,"\r\n]/.test(c)) seen.quoted++;
          else seen.plain++;
        }
        expect(parseCsv(text)).toEqual([["a", "b"], ...rows.map((r) => r.map(inert))]);
      }),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("makes cells a spreadsheet would run as formulas inert, and leaves numbers alone", () => {
    const text = csv(
      ["k", "n"],
      [
        ['=HYPERLINK("http://x")', -5],
        ["@SUM(A1)", null],
        ["+1", 7],
      ],
    );
    expect(text).toBe('k,n\r\n"\'=HYPERLINK(""http://x"")",-5\r\n\'@SUM(A1),\r\n\'+1,7\r\n');
  });
});

describe("iCalendar lines", () => {
  it("folds at 75 octets without splitting a character, and unfolds to the original", () => {
    // size "max": at fast-check's default size a string stays near ten characters, and no line folded.
    const text = fc.string({ unit: "binary", maxLength: 300, size: "max" });
    const seen = { folded: 0, short: 0 };
    fc.assert(
      fc.property(text, (text) => {
        const line = `SUMMARY:${escapeText(text)}`;
        const folded = fold(line);
        seen[folded === line ? "short" : "folded"]++;
        for (const part of folded.split("\r\n"))
          expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
        expect(folded.replaceAll("\r\n ", "")).toBe(line);
      }),
    );
    // Lines long enough to fold, and lines left whole.
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("escapes backslash, semicolon, comma and newlines, and drops other control characters", () => {
    expect(escapeText("a\\b;c,d\ne\r\nf\u0007g")).toBe("a\\\\b\\;c\\,d\\ne\\nfg");
  });

  it("gives the same UID to the same rotation and different ones to different rotations", () => {
    const r = { region: "cn-hangzhou", keyId: "key-1", at: "2027-01-01T00:00:00Z" };
    expect(uidOf(r)).toBe(uidOf({ ...r }));
    expect(uidOf(r)).not.toBe(uidOf({ ...r, at: "2027-04-01T00:00:00Z" }));
    expect(uidOf(r)).not.toBe(uidOf({ ...r, region: "cn-shanghai" }));
    expect(uidOf(r)).toMatch(/^[0-9a-f]{32}@kms-rotation$/);
  });
});
