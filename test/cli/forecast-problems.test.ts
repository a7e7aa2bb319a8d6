// The forecast's failures and identities: declared keys missing or blocked fail the run (exit 1) and are
// listed in every format; the horizon is checked before any key is read; calendar UIDs stay put.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { validateForecastJson } from "../../src/contract/documents.js";
import { DAY } from "../../src/model/index.js";
import { runCli } from "../helpers/cli.js";
import { createKey, isoSecond, stats, T0, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

// A signing key whose current version is 40 days old, rotated by hand every 30 days: 10 days overdue.
const SEED = `version: 1
keys:
  - alias: alias/late-signer
    spec: EC_P256
    created: -400d
    lastRotation: -40d
    versions: 3
`;

const lab = useLab(SEED);

const iso = isoSecond;

async function forecast(file: string, now: Date, ...args: string[]) {
  return runCli(lab.dir, ["forecast", file, "--endpoint", lab.emu.url, "--now", iso(now.getTime()), ...args]);
}

describe("forecast: declared keys missing or blocked", () => {
  function troubled(): string {
    createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
    createKey(lab.emu, { alias: "alias/rsa-signer", spec: "RSA_2048" });
    createKey(lab.emu, { alias: "alias/backups" });
    return writeConfig(
      lab.dir,
      [
        "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
        "  - key: alias/ghost\n    rotation: { mode: automatic, interval: 90d }",
        // An asymmetric key cannot rotate automatically: plan blocks it, so the forecast cannot speak for it.
        "  - key: alias/rsa-signer\n    rotation: { mode: automatic, interval: 90d }",
        // Declared off and off: it does not rotate, and that is no error.
        "  - key: alias/backups\n    rotation: { mode: off }",
      ].join("\n"),
    );
  }

  it("lists them in the JSON with key and reason, still forecasts the rest, and exits 1", async () => {
    const file = troubled();
    const r = await forecast(file, T0, "--format", "json");
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(validateForecastJson(report)).toEqual([]);
    expect(report.problems).toEqual([
      expect.objectContaining({ key: "alias/ghost", region: "cn-hangzhou", code: "AliasNotFound" }),
      expect.objectContaining({ key: "alias/rsa-signer", code: "AutomaticRotationUnsupported" }),
    ]);
    expect(report.problems[1].keyId).toMatch(/\S/);
    expect(report.problems[0].keyId).toBeUndefined();
    expect(report.rotations.map((x: { key: string }) => x.key)).toContain("alias/orders-db");
    expect(r.err).toMatch(/alias\/ghost in cn-hangzhou: AliasNotFound: /);
    expect(r.err).toMatch(/alias\/rsa-signer in cn-hangzhou: AutomaticRotationUnsupported: /);
    expect(r.err).not.toMatch(/backups/);
  });

  it("text and Markdown name them; the iCalendar feed stays a valid calendar", async () => {
    const file = troubled();
    const text = await forecast(file, T0);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/missing or blocked[\s\S]*alias\/ghost {2}cn-hangzhou: AliasNotFound/);
    expect(text.out).toMatch(/2 keys missing or blocked/);
    const md = await forecast(file, T0, "--format", "markdown");
    expect(md.code).toBe(1);
    expect(md.out).toMatch(/### Declared keys missing or blocked/);
    expect(md.out).toMatch(/\| alias\/rsa-signer \| cn-hangzhou \| AutomaticRotationUnsupported \|/);
    const ics = await forecast(file, T0, "--format", "ics");
    expect(ics.code).toBe(1);
    expect(new ICAL.Component(ICAL.parse(ics.out)).getAllSubcomponents("vevent").length).toBeGreaterThan(0);
  });

  it("a fleet with nothing wrong exits 0 with no problems listed", async () => {
    createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
    const file = writeConfig(
      lab.dir,
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
    );
    const r = await forecast(file, T0, "--format", "json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).problems).toEqual([]);
  });
});

describe("forecast: the horizon", () => {
  it("refuses a horizon before now without reading a key, to the second, pointing at --help", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/late-signer\n    rotation: { mode: manual, interval: 30d }",
    );
    const before = await stats(lab.emu);
    const r = await forecast(file, T0, "--until", "2025-06-01T00:00:00Z");
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(
      /the horizon 2025-06-01T00:00:00Z must be after now \(2026-01-01T00:00:00Z\); see `kms-rotation forecast --help`/,
    );
    expect(r.err).not.toMatch(/\.000Z/);
    const after = await stats(lab.emu);
    expect(after.DescribeKey ?? 0).toBe(before.DescribeKey ?? 0);
    expect(after.ListKeyVersions ?? 0).toBe(before.ListKeyVersions ?? 0);
  });

  it("says a --for of zero must be positive", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/late-signer\n    rotation: { mode: manual, interval: 30d }",
    );
    const r = await forecast(file, T0, "--for", "0s");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--for must be positive.*see `kms-rotation forecast --help`/);
  });
});

describe("forecast: iCalendar identities", () => {
  const uids = (ics: string) =>
    new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v))
      .map((e) => ({ uid: e.uid, start: e.startDate.toJSDate().getTime() }));

  it("an overdue manual key's rotations keep their UIDs from one run to the next", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/late-signer\n    rotation: { mode: manual, interval: 30d }",
    );
    const t0 = T0.getTime();
    const first = await forecast(file, T0, "--format", "ics", "--for", "100d");
    const later = await forecast(file, new Date(t0 + 3 * DAY * 1000), "--format", "ics", "--for", "100d");
    expect(first.code).toBe(0);
    expect(later.code).toBe(0);
    const a = uids(first.out);
    const b = uids(later.out);
    // Both runs put the overdue version at their own now, and the rest every 30 days from then ...
    expect(a[0]?.start).toBe(t0);
    expect(b[0]?.start).toBe(t0 + 3 * DAY * 1000);
    // ... yet they are the same rotations: the n-th of each run carries the same UID.
    expect(a.length).toBeGreaterThanOrEqual(3);
    expect(b.slice(0, a.length).map((e) => e.uid)).toEqual(a.map((e) => e.uid));
    expect(new Set(a.map((e) => e.uid)).size).toBe(a.length);
    // The JSON says when each fell due: the anchor of that identity.
    const json = JSON.parse((await forecast(file, T0, "--format", "json", "--for", "100d")).out);
    expect(validateForecastJson(json)).toEqual([]);
    expect(json.rotations[0]).toMatchObject({ at: iso(t0), due: iso(t0 - 10 * DAY * 1000) });
  });

  it("an empty forecast is still a valid calendar: a UTC VTIMEZONE and no event", async () => {
    createKey(lab.emu, { alias: "alias/backups" });
    const file = writeConfig(lab.dir, "  - key: alias/backups\n    rotation: { mode: off }");
    const r = await forecast(file, T0, "--format", "ics");
    expect(r.code).toBe(0);
    const calendar = new ICAL.Component(ICAL.parse(r.out));
    expect(calendar.getAllSubcomponents("vevent")).toEqual([]);
    expect(calendar.getAllSubcomponents("vtimezone")).toHaveLength(1);
    expect(r.out).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
  });
});
