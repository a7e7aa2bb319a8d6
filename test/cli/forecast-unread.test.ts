// A declared key the forecast could not read is a problem in every format, as plan, drift and audit carry
// it: listed with its read error in JSON (`unreadable: true`), text, Markdown and the iCalendar feed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { validateForecastJson } from "../../src/contract/documents.js";
import { runCli } from "../helpers/cli.js";
import { createKey, isoSecond, T0 } from "../helpers/fleet.js";
import { twoRegionConfig, useLab, useSilentEndpoint } from "../helpers/lab.js";

const lab = useLab();
const silent = useSilentEndpoint();

/** alias/orders-db in cn-hangzhou (the emulator) and alias/far in cn-shanghai (never answers). */
function config(withReadable = true): string {
  createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  return twoRegionConfig(lab, silent.url, [
    ...(withReadable ? ["  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }"] : []),
    "  - key: alias/far\n    region: cn-shanghai\n    rotation: { mode: automatic, interval: 90d }",
  ]);
}

const forecast = (file: string, ...args: string[]) =>
  runCli(lab.dir, ["forecast", file, "--now", isoSecond(T0.getTime()), "--timeout", "500ms", ...args]);

describe("forecast: a declared key that could not be read", () => {
  it("is a problem in the JSON, valid by the schema, even when it is the only key", async () => {
    const r = await forecast(config(false), "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(validateForecastJson(report)).toEqual([]);
    expect(report.rotations).toEqual([]);
    expect(report.problems).toEqual([
      expect.objectContaining({ key: "alias/far", region: "cn-shanghai", unreadable: true }),
    ]);
    expect(report.problems[0].message).toMatch(/did not answer/);
  });

  it("is named in text, Markdown and the iCalendar feed beside the keys that were read", async () => {
    const file = config();
    const text = await forecast(file);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/missing, blocked or unreadable[\s\S]*alias\/far {2}cn-shanghai: /);
    expect(text.out).toMatch(/, 1 key that could not be read\n/);
    expect(text.out).not.toMatch(/missing or blocked\n/);
    const md = await forecast(file, "--format", "markdown");
    expect(md.out).toMatch(/### Declared keys missing, blocked or unreadable/);
    expect(md.out).toMatch(/\| alias\/far \| cn-shanghai \| /);
    const ics = await forecast(file, "--format", "ics");
    expect(ics.code).toBe(1);
    const calendar = new ICAL.Component(ICAL.parse(ics.out));
    expect(calendar.getAllSubcomponents("vevent").length).toBeGreaterThan(0);
    const said = calendar.getAllProperties("x-kms-rotation-problem").map((p) => String(p.getFirstValue()));
    expect(said).toEqual([expect.stringMatching(/^alias\/far in cn-shanghai: /)]);
  });

  it("render reads the JSON back and shows it again", async () => {
    const r = await forecast(config(), "--format", "json");
    const saved = join(lab.dir, "forecast.json");
    writeFileSync(saved, r.out);
    const shown = await runCli(lab.dir, ["render", saved, "--format", "text"]);
    expect(shown.out).toMatch(/alias\/far {2}cn-shanghai: /);
    expect(shown.out).toMatch(/1 key that could not be read/);
  });
});
