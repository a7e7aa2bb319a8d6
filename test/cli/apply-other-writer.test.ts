// A planned change that another writer made between plan and write ends `unchanged`: the default apply
// report still lists it, with why, so the plan's N changes are followed by N result lines.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from "vitest";
import { main } from "../../src/cli/main.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { quickstartOnAlibaba, ROOT } from "../helpers/built.js";

let dir: string;
let emu: RunningEmulator;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kms-other-writer-"));
  writeFileSync(join(dir, "cfg.yaml"), quickstartOnAlibaba());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(async () => {
  emu = await startEmulator({
    region: "cn-hangzhou",
    seedPath: join(ROOT, "examples", "quickstart-fleet.yaml"),
  });
});
afterEach(() => emu.close());

/** `apply` at a terminal; while it waits for `yes`, `meanwhile` changes KMS as another writer would. */
async function applyWithPause(format: string, meanwhile: () => void): Promise<{ code: number; out: string }> {
  let out = "";
  let err = "";
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stream = (sink: (t: string) => void) => ({ write: sink, isTTY: false });
  const io = {
    stdout: stream((t) => (out += t)),
    stderr: stream((t) => (err += t)),
    stdin,
    env: { NO_COLOR: "1" },
    cwd: dir,
    signal: new AbortController().signal,
  };
  const args = ["apply", "cfg.yaml", "--endpoint", emu.url, "--format", format, "--qps", "2000"];
  const running = main(args, io);
  await expect.poll(() => err, { timeout: 60_000 }).toContain("Enter a value");
  meanwhile();
  stdin.end("yes\n");
  return { code: await running, out };
}

const OTHER_WRITER = /alias\/ledger-dek\s+\S*\s*unchanged \(already as declared when re-read\)/;

test("a planned version another writer made first is listed as unchanged in the default text report", async () => {
  const createVersion = () => {
    const made = emu.service.call("CreateKeyVersion", { KeyId: "alias/ledger-dek" });
    expect(made.ok).toBe(true);
  };
  const text = await applyWithPause("text", createVersion);
  expect(text.code).toBe(0);
  // The plan's line for the key, and its result line.
  expect(text.out).toMatch(OTHER_WRITER);
  // Keys the plan left alone stay out of the default view.
  expect(text.out).not.toMatch(/alias\/session-tokens\s+\S*\s*unchanged/);
}, 120_000);

test("Markdown: the other writer's key is in the results table, not folded with the untouched keys", async () => {
  const md = await applyWithPause("markdown", () => {
    expect(emu.service.call("CreateKeyVersion", { KeyId: "alias/ledger-dek" }).ok).toBe(true);
  });
  expect(md.code).toBe(0);
  const folded = md.out.lastIndexOf("<details>");
  const row = md.out.lastIndexOf("| alias/ledger-dek |");
  expect(row).toBeGreaterThan(-1);
  expect(md.out.slice(row)).toMatch(
    /^\| alias\/ledger-dek \| [^|]+ \| unchanged \(already as declared when re-read\) \|/,
  );
  if (folded !== -1) expect(row).toBeLessThan(folded);
}, 120_000);
