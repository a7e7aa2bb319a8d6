// The CLI at a terminal: width, colour conventions, one-line answers with "did you mean", live apply.

import { stripVTControlCharacters } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { at } from "../helpers/cli.js";
import { advanceDays, call, createKey, emulator, tempDir, writeConfig } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

/** The start of an ANSI escape sequence. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[`);

let emu: RunningEmulator;
let dir: string;
let config: string;

beforeEach(async () => {
  emu = await emulator();
  dir = tempDir();
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) {
    createKey(emu, { alias: `alias/payments-ledger-archive-${i}` });
    keys.push(
      `  - key: alias/payments-ledger-archive-${i}\n    rotation: { mode: automatic, interval: 90d }`,
    );
  }
  createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
  keys.push("  - key: alias/signer\n    rotation: { mode: manual, interval: 180d }");
  advanceDays(emu, 400);
  config = writeConfig(dir, keys.join("\n"));
});
afterEach(async () => {
  await emu.close();
});

/** Keys of the beforeEach fleet that KMS already shows as applied (rotation on, or a second version). */
function changedKeys(): number {
  const automatic = [0, 1, 2].filter(
    (i) =>
      call(emu, "DescribeKey", { KeyId: `alias/payments-ledger-archive-${i}` }).KeyMetadata
        .AutomaticRotation === "Enabled",
  ).length;
  const versions = call(emu, "ListKeyVersions", { KeyId: "alias/signer" }).TotalCount as number;
  return automatic + (versions > 1 ? 1 : 0);
}

async function run(args: string[], options: Parameters<typeof captureIo>[0] = {}) {
  const io = captureIo({ cwd: dir, ...options });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe("width", () => {
  it("wraps plan output at 80 columns (COLUMNS) with a hanging indent, never inside a word", async () => {
    // One --now for both runs: the emulator's clock moves with real time between them.
    const flags = at(emu);
    const wide = await run(["plan", config, ...flags]);
    const narrow = await run(["plan", config, ...flags], { env: { COLUMNS: "80" } });
    expect(wide.out.split("\n").some((l) => l.length > 80)).toBe(true);
    const lines = narrow.out.split("\n");
    expect(lines.every((l) => l.length <= 80)).toBe(true);
    // The same words in the same order: only line breaks and indentation differ.
    expect(narrow.out.split(/\s+/).join(" ")).toBe(wide.out.split(/\s+/).join(" "));
    const signer = lines.findIndex((l) => l.includes("alias/signer"));
    const textColumn = (lines[signer] as string).indexOf("new key version");
    expect(lines[signer + 1]?.slice(0, textColumn).trim()).toBe("");
    expect(lines[signer + 1]?.[textColumn]).not.toBe(" ");
  });

  it("takes the terminal's own width before COLUMNS", async () => {
    const r = await run(["plan", config, ...at(emu)], { tty: true, columns: 60, env: { COLUMNS: "200" } });
    expect(r.out.split("\n").every((l) => stripVTControlCharacters(l).length <= 60)).toBe(true);
  });

  it("wraps --help to 80 columns and leaves it as written when the width is unknown", async () => {
    const help = await run(["plan", "--help"], { env: { COLUMNS: "80" } });
    expect(help.code).toBe(0);
    expect(help.out.split("\n").every((l) => l.length <= 80)).toBe(true);
    expect(help.out).toMatch(/\n {2}--endpoint <url> +talk to this KMS endpoint[^\n]*\n {30,}\S/);
    const unknown = await run(["plan", "--help"]);
    expect(unknown.out).toContain("instead of the config's (env: KMS_ROTATION_ENDPOINT)\n");
  });

  it("leaves JSON alone whatever the width", async () => {
    const flags = at(emu);
    const a = await run(["plan", config, "--format", "json", ...flags], { env: { COLUMNS: "40" } });
    const b = await run(["plan", config, "--format", "json", ...flags]);
    expect(a.out).toBe(b.out);
  });
});

describe("colour", () => {
  const plan = (env: Record<string, string>, tty: boolean) => run(["plan", config, ...at(emu)], { env, tty });

  it("is on at a terminal and off in a pipe", async () => {
    expect((await plan({}, true)).out).toMatch(ANSI);
    expect((await plan({}, false)).out).not.toMatch(ANSI);
  });

  it("FORCE_COLOR turns it on in a pipe (CI logs), FORCE_COLOR=0 off at a terminal", async () => {
    expect((await plan({ FORCE_COLOR: "1" }, false)).out).toMatch(ANSI);
    expect((await plan({ FORCE_COLOR: "" }, false)).out).toMatch(ANSI);
    expect((await plan({ FORCE_COLOR: "0" }, true)).out).not.toMatch(ANSI);
    expect((await plan({ FORCE_COLOR: "false" }, true)).out).not.toMatch(ANSI);
  });

  it("NO_COLOR and TERM=dumb turn it off at a terminal; FORCE_COLOR wins over both", async () => {
    expect((await plan({ NO_COLOR: "1" }, true)).out).not.toMatch(ANSI);
    expect((await plan({ TERM: "dumb" }, true)).out).not.toMatch(ANSI);
    expect((await plan({ NO_COLOR: "", TERM: "xterm" }, true)).out).toMatch(ANSI);
    expect((await plan({ NO_COLOR: "1", FORCE_COLOR: "1" }, false)).out).toMatch(ANSI);
  });

  it("colours the error label on stderr by the same rules", async () => {
    const forced = await run(["plan", "--formt", "json"], { env: { FORCE_COLOR: "1" } });
    expect(forced.err.startsWith("\u001b[31merror: \u001b[0munknown option --formt")).toBe(true);
    const dumb = await run(["plan", "--formt", "json"], { tty: true, env: { TERM: "dumb" } });
    expect(dumb.err).not.toMatch(ANSI);
  });
});

describe("mistyped commands and options", () => {
  it("answers an unknown option in one line with the nearest one and where help is", async () => {
    const r = await run(["plan", config, "--formt", "json"]);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: "error: unknown option --formt for plan; did you mean --format?; see `kms-rotation plan --help`\n",
    });
    const far = await run(["drift", config, "--colour"]);
    expect(far.err).toBe("error: unknown option --colour for drift; see `kms-rotation drift --help`\n");
  });

  it("answers an unknown command in one line with the nearest one", async () => {
    const r = await run(["plna", config]);
    expect(r).toEqual({
      code: 1,
      out: "",
      err: 'error: unknown command "plna"; did you mean plan?; see `kms-rotation --help`\n',
    });
    expect((await run(["frobnicate"])).err).toBe(
      'error: unknown command "frobnicate"; see `kms-rotation --help`\n',
    );
  });

  it("says which flag needs a value, and which takes none, without Node's quoting", async () => {
    expect((await run(["plan", config, "--out"])).err).toBe(
      "error: --out needs a value (<plan.json>); see `kms-rotation plan --help`\n",
    );
    expect((await run(["plan", config, "--detailed-exitcode=yes"])).err).toBe(
      "error: --detailed-exitcode takes no value; see `kms-rotation plan --help`\n",
    );
  });
});

describe("live apply at a terminal", () => {
  it("prints each key's line as it finishes, then the summary alone", async () => {
    const r = await run(["apply", config, ...at(emu)], { tty: true, input: "yes\n", env: { NO_COLOR: "1" } });
    expect(r.code, r.err).toBe(0);
    const [, after] = r.out.split("Plan: 4 to change, 0 blocked, 0 unchanged.\n");
    const lines = (after ?? "").split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4).every((l) => /^ {2}[~+] alias\/\S+ +applied: /.test(l))).toBe(true);
    expect(lines[4]).toBe("Apply complete: 4 applied, 0 failed, 0 blocked, 0 unchanged.");
  });

  /** Runs apply at a terminal, noting how many keys KMS had changed as each key's line was printed. */
  async function liveApply(args: string[]) {
    const io = captureIo({ cwd: dir, tty: true, env: { NO_COLOR: "1" } });
    const changedAtLine: number[] = [];
    const write = io.stdout.write;
    io.stdout.write = (text: string) => {
      if (/applied: /.test(text)) changedAtLine.push(changedKeys());
      return write(text);
    };
    // One write at a time: a line printed as its key finishes sees only the keys before it changed.
    const code = await main(["apply", ...args, "--auto-approve", "--concurrency", "1", ...at(emu)], io);
    expect(code, io.err()).toBe(0);
    return { out: io.out(), changedAtLine };
  }

  it("with --auto-approve on a config: the plan's one line first, each key's line as it finishes, one summary", async () => {
    const { out, changedAtLine } = await liveApply([config]);
    expect(changedAtLine).toEqual([1, 2, 3, 4]);
    // Nothing of the whole plan after the results: the screen left behind reads as done, not pending.
    expect(out).not.toContain("Plan as of");
    const lines = out.split("\n");
    expect(lines.slice(0, 2)).toEqual(["Plan: 4 to change, 0 blocked, 0 unchanged.", ""]);
    expect(lines.slice(2, 6).every((l) => /^ {2}[~+] alias\/\S+ +applied: /.test(l))).toBe(true);
    expect(lines.slice(6)).toEqual(["", "Apply complete: 4 applied, 0 failed, 0 blocked, 0 unchanged.", ""]);
  });

  it("a saved plan with --auto-approve: the plan's line, then each key's line as it finishes, then the summary", async () => {
    expect((await run(["plan", config, "--out", "saved.json", ...at(emu)])).code).toBe(0);
    const { out, changedAtLine } = await liveApply(["saved.json"]);
    expect(changedAtLine).toEqual([1, 2, 3, 4]);
    const [, after = ""] = out.split("Plan: 4 to change, 0 blocked, 0 unchanged.\n\n");
    const lines = after.split("\n");
    expect(lines.slice(0, 4).every((l) => /^ {2}[~+] alias\/\S+ +applied: /.test(l))).toBe(true);
    expect(lines.slice(4)).toEqual(["", "Apply complete: 4 applied, 0 failed, 0 blocked, 0 unchanged.", ""]);
  });

  it("is unchanged in a pipe: the whole report at the end", async () => {
    const r = await run(["apply", config, "--auto-approve", ...at(emu)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/\n\n {2}[~+] alias\/\S+ +applied: [^\n]+\n(.*\n){3}\nApply complete: 4 applied/);
  });
});

describe("status line", () => {
  it("on a terminal: stderr only, each frame cleared first and clamped to the width, gone at the end", async () => {
    const keys: string[] = [];
    for (let i = 0; i < 24; i++) {
      createKey(emu, { alias: `alias/bulk-${i}`, rotation: "90d" });
      keys.push(`  - key: alias/bulk-${i}\n    rotation: { mode: automatic, interval: 90d }`);
    }
    const file = writeConfig(dir, keys.join("\n"), "bulk.yaml");
    const r = await run(["plan", file, ...at(emu)], { tty: true, columns: 40, env: { NO_COLOR: "1" } });
    expect(r.code, r.err).toBe(0);
    const frames = r.err.split("\r\u001b[2K").filter((f) => f !== "");
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame).toMatch(/^Reading keys \d+\/24/);
      expect(frame.length).toBeLessThan(40);
    }
    expect(r.err.endsWith("\r\u001b[2K")).toBe(true);
    expect(r.out).not.toContain("Reading keys");
    const dumb = await run(["plan", file, ...at(emu)], { tty: true, env: { TERM: "dumb" } });
    expect(dumb.err).toBe("");
  });
});
