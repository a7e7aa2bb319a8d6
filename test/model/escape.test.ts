// Printed user text: every control character escaped, nothing else touched, long text cut.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeControl, MAX_PRINTED_CHARACTERS, printable } from "../../src/model/escape.js";

function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    [0x061c, 0x200e, 0x200f].includes(code) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

describe("escapeControl", () => {
  it("leaves no character a terminal acts on, and leaves every other character as it was", () => {
    const seen = { escaped: 0, untouched: 0 };
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const escaped = escapeControl(text);
        if (escaped === text) seen.untouched++;
        else seen.escaped++;
        expect([...escaped].some((c) => unsafe(c.charCodeAt(0)))).toBe(false);
        const expected = [...text]
          .map((c) => (unsafe(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c))
          .join("");
        expect(escaped).toBe(expected);
      }),
      { numRuns: 500 },
    );
    // Text with something to escape, and text left as it was.
    expect(seen.escaped, "escaped").toBeGreaterThan(0);
    expect(seen.untouched, "untouched").toBeGreaterThan(0);
  });

  it("writes ESC, BEL and CSI as \\u001b-style escapes", () => {
    expect(escapeControl("\u001b]0;pwned\u0007\u001b[2J\u009b\u202e")).toBe(
      "\\u001b]0;pwned\\u0007\\u001b[2J\\u009b\\u202e",
    );
  });

  it("cuts long text with a count of what was left out", () => {
    const line = printable("x".repeat(MAX_PRINTED_CHARACTERS + 5));
    expect(line).toBe(`${"x".repeat(MAX_PRINTED_CHARACTERS)}… (5 more characters)`);
  });
});
