// `render`'s --format list is written out (its order is the order users read in help and errors): it must
// be exactly the formats some kind of report has a view for, so a new view cannot be left unreachable.

import { describe, expect, it } from "vitest";
import { RENDER_FORMATS } from "../../src/cli/formats.js";
import { REPORT_KINDS } from "../../src/contract/reports.js";
import { reportFormats } from "../../src/render/report-views.js";

describe("render's --format list", () => {
  it("is the union of every report kind's views, each once", () => {
    const viewed = new Set(REPORT_KINDS.flatMap((kind) => [...reportFormats(kind)]));
    expect([...RENDER_FORMATS].sort()).toEqual([...viewed].sort());
    expect(new Set(RENDER_FORMATS).size).toBe(RENDER_FORMATS.length);
  });
});
