import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { validateForecastJson } from "../../src/contract/documents.js";
import { DAY } from "../../src/model/index.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, isoSecond, stats, T0, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

// A signing key 46 versions in, rotated every 30 days: it reaches the 50-version cap within the year.
const SEED = `version: 1
keys:
  - alias: alias/busy-signer
    spec: EC_P256
    created: -1380d
    lastRotation: -10d
    versions: 46
`;

const lab = useLab(SEED);

const iso = isoSecond;

function fleet(): string {
  createKey(lab.emu, { alias: "alias/orders-db", rotation: "90d" });
  createKey(lab.emu, { alias: "alias/signer", spec: "RSA_2048" });
  createKey(lab.emu, { alias: "alias/backups" });
  createKey(lab.emu, { alias: "alias/paused", rotation: "30d" });
  call(lab.emu, "DisableKey", { KeyId: "alias/paused" });
  return writeConfig(
    lab.dir,
    [
      "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }",
      "  - key: alias/signer\n    rotation: { mode: manual, interval: 180d }",
      "  - key: alias/backups\n    rotation: { mode: off }",
      "  - key: alias/paused\n    rotation: { mode: automatic, interval: 30d }",
      "  - key: alias/busy-signer\n    rotation: { mode: manual, interval: 30d }",
    ].join("\n"),
  );
}

async function forecast(file: string, ...args: string[]) {
  return runCli(lab.dir, ["forecast", file, ...args, ...at(lab.emu)]);
}

async function forecastJson(file: string, ...args: string[]) {
  const r = await forecast(file, "--format", "json", ...args);
  expect(r.err).toBe("");
  // biome-ignore lint/suspicious/noExplicitAny: checked against its schema below
  const report = JSON.parse(r.out) as any;
  expect(validateForecastJson(report)).toEqual([]);
  return { code: r.code, report };
}

describe("forecast", () => {
  it("lists every rotation of the year in time order, and the cap, without a write", async () => {
    const file = fleet();
    const before = await stats(lab.emu);
    const { code, report } = await forecastJson(file);
    expect(code).toBe(0);
    const t0 = T0.getTime();
    expect(report.now).toBe(iso(t0));
    expect(report.until).toBe(iso(t0 + 365 * DAY * 1000));
    const of = (key: string) =>
      report.rotations
        .filter((r: { key: string }) => r.key === key)
        .map((r: { at: string; kind: string }) => [r.at, r.kind]);
    expect(of("alias/orders-db")).toEqual(
      [1, 2, 3, 4].map((n) => [iso(t0 + n * 90 * DAY * 1000), "automatic"]),
    );
    expect(of("alias/signer")).toEqual(
      [iso(t0 + 180 * DAY * 1000), iso(t0 + 360 * DAY * 1000)].map((a) => [a, "manual"]),
    );
    // 46 versions: four more, the first when due (20 days from now), then every 30 days; then the cap.
    const busy = [20, 50, 80, 110].map((d) => [iso(t0 + d * DAY * 1000), "manual"]);
    expect(of("alias/busy-signer")).toEqual(busy);
    expect(report.capReached).toEqual([
      expect.objectContaining({ key: "alias/busy-signer", at: iso(t0 + 110 * DAY * 1000) }),
    ]);
    expect(of("alias/backups")).toEqual([]);
    expect(of("alias/paused")).toEqual([]);
    const instants = report.rotations.map((r: { at: string }) => r.at);
    expect(instants).toEqual([...instants].sort());
    const after = await stats(lab.emu);
    expect(after.CreateKeyVersion ?? 0).toBe(before.CreateKeyVersion ?? 0);
    expect(after.UpdateRotationPolicy ?? 0).toBe(0);
    // One DescribeKey per key, and versions only for the keys declared manual.
    expect(after.DescribeKey).toBe(5);
    expect(after.ListKeyVersions).toBe(2);
  });

  it("plan's version-cap warning, given once the key is due, carries the forecast's date", async () => {
    const file = fleet();
    const { report } = await forecastJson(file);
    advanceDays(lab.emu, 20);
    const plan = await runCli(lab.dir, ["plan", file, "--format", "json", ...at(lab.emu)]);
    const busy = JSON.parse(plan.out).keys.find((k: { key: string }) => k.key === "alias/busy-signer");
    expect(busy.action).toBe("create-key-version");
    expect(busy.warnings.join()).toContain(
      `will reach the cap within a year, on ${report.capReached[0].at.slice(0, 10)}`,
    );
  });

  it("a declared key that does not exist is an error: named, listed, exit 1 (CONTRACT section 2)", async () => {
    const file = writeConfig(
      lab.dir,
      "  - key: alias/ghost\n    rotation: { mode: automatic, interval: 90d }\n",
    );
    const r = await forecast(file, "--format", "json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).rotations).toEqual([]);
    expect(JSON.parse(r.out).problems).toEqual([
      expect.objectContaining({ key: "alias/ghost", code: "AliasNotFound" }),
    ]);
    expect(r.err).toMatch(/alias\/ghost in cn-hangzhou: AliasNotFound: no key has this alias in the region/);
  });

  it("takes --until or --for, and refuses both, a bad interval or a horizon past ten years", async () => {
    const file = fleet();
    const t0 = T0.getTime();
    const short = await forecastJson(file, "--for", "100d");
    expect(short.report.until).toBe(iso(t0 + 100 * DAY * 1000));
    expect(short.report.rotations.map((r: { key: string }) => r.key)).toEqual([
      "alias/busy-signer",
      "alias/busy-signer",
      "alias/busy-signer",
      "alias/orders-db",
    ]);
    const until = await forecastJson(file, "--until", "2026-04-01T00:00:00Z");
    expect(until.report.until).toBe("2026-04-01T00:00:00Z");
    expect(until.report.rotations).toHaveLength(4);
    // Both given: the later one wins (a wrapper's default --for, then its caller's --until, and back).
    const wrapped = await forecastJson(file, "--for", "365d", "--until", "2026-04-01T00:00:00Z");
    expect(wrapped.report.until).toBe("2026-04-01T00:00:00Z");
    const back = await forecastJson(file, "--until", "2026-04-01T00:00:00Z", "--for", "100d");
    expect(back.report.until).toBe(iso(t0 + 100 * DAY * 1000));
    for (const [args, message] of [
      [["--for", "soon"], /--for must be an interval/],
      [["--for", "4000d"], /at most 3660d/],
      [["--until", "2025-01-01T00:00:00Z"], /must be after now/],
      [["--until", "2027-02-30T00:00:00Z"], /^error: --until: "2027-02-30T00:00:00Z" is not a calendar date/],
    ] as const) {
      const r = await forecast(file, ...args);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    }
  });

  it("text and Markdown (with a Mermaid gantt chart) show the same rotations", async () => {
    const file = fleet();
    const text = await forecast(file);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/2026-04-01T00:00:00Z {2}automatic {2}alias\/orders-db/);
    expect(text.out).toMatch(/10 rotations \(6 manual, made by apply\), 1 key reaching the version cap/);
    const md = await forecast(file, "--format", "markdown");
    expect(md.code).toBe(0);
    const chart = /```mermaid\ngantt\n[\s\S]*?```/.exec(md.out)?.[0] ?? "";
    expect(chart).toMatch(/section alias\/orders-db \(cn-hangzhou\)/);
    expect(chart.match(/:milestone, /g)).toHaveLength(10);
    expect(md.out).toMatch(/### Version cap reached/);
  });

  it("writes an iCalendar feed: one VEVENT per rotation, stable UIDs, folded CRLF lines", async () => {
    const file = fleet();
    const first = await forecast(file, "--format", "ics");
    expect(first.code).toBe(0);
    const lines = first.out.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(first.out.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of lines) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    const calendar = new ICAL.Component(ICAL.parse(first.out));
    const events = calendar.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const json = (await forecastJson(file)).report;
    expect(events.map((e) => e.startDate.toJSDate().toISOString().replace(".000", ""))).toEqual(
      json.rotations.map((r: { at: string }) => r.at),
    );
    expect(events[0]?.summary).toMatch(/^Key rotation \((automatic|manual)\): alias\//);
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    // The same forecast published again names the same events.
    const again = await forecast(file, "--format", "ics");
    expect(again.out).toBe(first.out);
  });
});
