// `drift --published`: the key set verifiers fetch, from a file or a loopback URL, held against each
// signing key's next and active versions, through the built CLI.

import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuilt, useBuiltCli } from "../helpers/built.js";
import { at, runCli } from "../helpers/cli.js";
import { advanceDays, createKey, signingKeyYaml, writeConfig } from "../helpers/fleet.js";
import { useLab } from "../helpers/lab.js";

useBuiltCli();
const lab = useLab();
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server = undefined;
});

function config(): string {
  return writeConfig(lab.dir, signingKeyYaml());
}

async function serve(body: string): Promise<string> {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((done) => server?.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
}

const apply = async (file: string) =>
  expect((await runCli(lab.dir, ["apply", file, "--auto-approve", ...at(lab.emu)])).code).toBe(0);

describe("drift --published", () => {
  it("is in sync while the published set holds the next and active versions, from a file", async () => {
    createKey(lab.emu, { spec: "RSA_2048", alias: "alias/signer" });
    const file = config();
    await apply(file);
    const jwks = join(lab.dir, "jwks.json");
    expect((await runBuilt(lab.dir, ["publish", file, "--out", jwks, ...at(lab.emu)])).code).toBe(0);
    const ok = await runBuilt(lab.dir, [
      "drift",
      file,
      "--published",
      jwks,
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    // A new version is made; the old key set lacks it: verifiers would reject it once it signs.
    advanceDays(lab.emu, 7);
    await apply(file);
    const stale = await runBuilt(lab.dir, [
      "drift",
      file,
      "--published",
      jwks,
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(stale.code).toBe(2);
    const entry = JSON.parse(stale.stdout).keys[0];
    expect(entry.status).toBe("drifted");
    expect(entry.reason.code).toBe("VersionNotPublished");
    const text = await runBuilt(lab.dir, ["drift", file, "--published", jwks, ...at(lab.emu)]);
    expect(text.stdout).toContain("verifiers would reject what it signs");
  });

  it("reads the set from a loopback URL, and warns about a retired version still listed", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    const file = config();
    await apply(file);
    const first = await runBuilt(lab.dir, ["publish", file, ...at(lab.emu)]);
    advanceDays(lab.emu, 7);
    await apply(file);
    advanceDays(lab.emu, 1);
    await apply(file); // the new version is active; the first is previous until 3d later
    advanceDays(lab.emu, 3);
    const current = await runBuilt(lab.dir, ["publish", file, ...at(lab.emu)]);
    const both = {
      keys: [...JSON.parse(first.stdout).keys, ...JSON.parse(current.stdout).keys],
    };
    const url = await serve(JSON.stringify(both));
    const run = await runBuilt(lab.dir, ["drift", file, "--published", url, ...at(lab.emu)]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /warning: .*alias\/signer: retired version \S+ is still in the published key set/,
    );
    const missing = await serve(JSON.stringify({ keys: [] }));
    const drifted = await runBuilt(lab.dir, [
      "drift",
      file,
      "--published",
      missing,
      "--format",
      "json",
      ...at(lab.emu),
    ]);
    expect(drifted.code).toBe(2);
  });

  it("refuses a set that is not a JWK Set, before reading KMS", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    const bad = join(lab.dir, "bad.json");
    writeFileSync(bad, '{"not":"a set"}');
    const run = await runBuilt(lab.dir, ["drift", config(), "--published", "bad.json", ...at(lab.emu)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--published bad\.json: not a JWK Set/);
  });

  it("never echoes a URL's user name or password: such a URL is refused in our own words", async () => {
    createKey(lab.emu, { spec: "EC_P256", alias: "alias/signer" });
    const secret = "s3cr3t-pw-9f2";
    for (const url of [`http://user:${secret}@127.0.0.1:1/x.jwks`, `https://${secret}@127.0.0.1:1/x.jwks`]) {
      const run = await runBuilt(lab.dir, ["drift", config(), "--published", url, ...at(lab.emu)]);
      const output = run.stdout + run.stderr;
      expect(run.code, output).toBe(1);
      expect(output).not.toContain(secret);
      expect(output).toMatch(
        /--published https?:\/\/\[redacted\]@127\.0\.0\.1:1\/x\.jwks: a URL with a user name or password is not accepted/,
      );
    }
  });
});
