import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, call, createKey, signingKeyYaml, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();
const DAY = 86_400_000;

interface Event {
  at: string;
  kind: string;
  keyVersionId?: string;
}

describe("forecast of a signing key", () => {
  it("lists the waiting version's promotion, each retirement and the promotions of versions to come", async () => {
    const keyId = createKey(lab.emu, { spec: "RSA_2048", alias: "alias/signer" });
    const file = writeConfig(lab.dir, signingKeyYaml());
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    advanceDays(lab.emu, 7);
    expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);
    const versions = call(lab.emu, "ListKeyVersions", { KeyId: keyId }).KeyVersions.KeyVersion as {
      KeyVersionId: string;
      CreationDate: string;
    }[];
    const sorted = [...versions].sort((a, b) => Date.parse(a.CreationDate) - Date.parse(b.CreationDate));
    const [v1, v2] = sorted;
    const json = await runBuilt(lab.dir, [
      "forecast",
      file,
      "--for",
      "12d",
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(json.code, json.stderr).toBe(0);
    const events = JSON.parse(json.stdout).rotations as Event[];
    expect(events.map((e) => e.kind)).toEqual(["promote", "retire", "manual", "promote", "retire"]);
    const [promote, retire, manual, next, retireNext] = events as [Event, Event, Event, Event, Event];
    expect(promote.keyVersionId).toBe(v2?.KeyVersionId);
    expect(Date.parse(promote.at) - Date.parse(v2?.CreationDate ?? "")).toBe(DAY);
    expect(retire.keyVersionId).toBe(v1?.KeyVersionId);
    expect(Date.parse(retire.at) - Date.parse(promote.at)).toBe(3 * DAY);
    expect(Date.parse(next.at) - Date.parse(manual.at)).toBe(DAY);
    expect(next.keyVersionId).toBeUndefined();
    expect(retireNext.keyVersionId).toBe(v2?.KeyVersionId);

    const markdown = await runBuilt(lab.dir, [
      "forecast",
      file,
      "--for",
      "12d",
      "--format",
      "markdown",
      ...at(lab.emu),
    ]);
    expect(markdown.stdout).toContain(
      "**1 rotation** (1 manual, made by `apply`); **4 signing events** (promote, retire);",
    );
    expect(markdown.stdout).toMatch(/\| \S+ \| promote \| alias\/signer \|/);

    const ics = await runBuilt(lab.dir, [
      "forecast",
      file,
      "--for",
      "12d",
      "--format",
      "ics",
      ...at(lab.emu),
    ]);
    const vevents = new ICAL.Component(ICAL.parse(ics.stdout)).getAllSubcomponents("vevent");
    const summaries = vevents.map((v) => String(v.getFirstPropertyValue("summary")));
    expect(summaries.filter((s) => s === "Signing key (promote): alias/signer")).toHaveLength(2);
    expect(summaries.filter((s) => s === "Signing key (retire): alias/signer")).toHaveLength(2);
    const uids = vevents.map((v) => String(v.getFirstPropertyValue("uid")));
    expect(new Set(uids).size).toBe(uids.length);
  });
});
