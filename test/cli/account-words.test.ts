// With several accounts, what goes wrong says which account, which profile and which file, in words;
// and apply's lines name `<account>/<region>` as plan's do.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { A, type AccountsWorld, B, startAccounts, useAccountCredentials } from "../helpers/accounts.js";
import { runCli } from "../helpers/cli.js";
import { tempDir } from "../helpers/fleet.js";

let world: AccountsWorld;
useAccountCredentials();
afterEach(async () => {
  await world?.close();
});

const run = (args: string[]) => runCli(world.dir, [...args, "--now", world.now]);

/** The place column of each key line: `  ~ alias/orders  1111111111111111/cn-hangzhou  ...`. */
const places = (out: string) =>
  out
    .split("\n")
    .filter((l) => /^ {2}[~+!x?-] /.test(l))
    .map((l) => l.trim().split(/\s+/)[2])
    .sort();

describe("several accounts, in words", () => {
  it("a profile missing from the credentials file: the account, the profile, the file and what it has", async () => {
    world = await startAccounts({ profile: "acct-x" });
    const r = await run(["plan", world.config]);
    expect(r.code).toBe(1);
    const file = process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    expect(r.err).toBe(
      `error: account ${A}: no usable credentials from profile "acct-x": the credentials file ${file} ` +
        `has no such profile; it has "team-a"; 4 keys of it not read\n`,
    );
    expect(r.err).not.toContain("Can not find credential type");
  });

  it("a refused key names its account, and the profile and file its access key came from", async () => {
    world = await startAccounts();
    const saved = process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    const file = join(tempDir(), "credentials");
    writeFileSync(file, "[team-a]\ntype = access_key\naccess_key_id = ak-a\naccess_key_secret = not-sk-a\n");
    process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = file;
    try {
      const r = await run(["plan", world.config]);
      expect(r.code).toBe(1);
      const lines = r.err.trimEnd().split("\n");
      expect(lines).toHaveLength(4);
      for (const line of lines) {
        expect(line).toMatch(
          new RegExp(`^error: cannot read alias/\\S+ in cn-\\w+ of account ${A}: SignatureDoesNotMatch: `),
        );
        expect(line).toContain(`(access key id ak-a from profile "team-a" of the credentials file ${file})`);
        expect(line).not.toContain("not-sk-a");
      }
    } finally {
      process.env.ALIBABA_CLOUD_CREDENTIALS_FILE = saved;
    }
  });

  it("apply's lines show <account>/<region> where plan's do", async () => {
    world = await startAccounts();
    const planned = await run(["plan", world.config]);
    expect(planned.code, planned.err).toBe(0);
    const applied = await run(["apply", world.config, "--auto-approve"]);
    expect(applied.code, applied.err).toBe(0);
    const [planPart = "", applyPart = ""] = applied.out.split(/\nPlan: .*\n\n/);
    expect(places(planPart)).toEqual(places(planned.out));
    expect(places(applyPart)).toEqual(places(planned.out));
    expect(places(applyPart)).toContain(`${B}/cn-shanghai`);
  });
});
