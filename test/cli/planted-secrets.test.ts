// Secrets never appear in any output or file: an access key secret and a security token are planted in
// the environment, in a credentials file and in endpoint URLs (passwords of awkward characters), then
// every command runs, on its success and its error paths, and everything it printed or wrote is scanned.

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { main } from "../../src/cli/main.js";
import { type RunningEmulator, startEmulator } from "../../src/emulator/index.js";
import { captureIo } from "../helpers/io.js";

// Every planted value contains MARK: finding MARK anywhere is a leak.
const MARK = "PLANTED";
const ID = "LTAI5tKmsRotationTest";
const SECRET = `${MARK}envSecret7f3a9c`;
const TOKEN = `${MARK}envToken2b8d4e`;
const FILE_SECRET = `${MARK}fileSecret5c1e7a`;
const PASSWORD = `${MARK}pw/x:y@z#q?r`;
const ENV_KEYS = [
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_CREDENTIALS_FILE",
  "KMS_ROTATION_ENDPOINT",
] as const;

let dir: string;
let outside: string;
let saved: Record<string, string | undefined>;
const emulators: RunningEmulator[] = [];
let good: RunningEmulator;
let wrong: RunningEmulator;
let fileGood: RunningEmulator;
const printed: { args: string; text: string }[] = [];

function setEnv(values: Partial<Record<(typeof ENV_KEYS)[number], string>>): void {
  for (const key of ENV_KEYS) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
}

async function run(args: string[], env: Record<string, string> = {}): Promise<number> {
  const io = captureIo({ cwd: dir, env: { ...(process.env as Record<string, string>), ...env } });
  const code = await main(args, io);
  printed.push({ args: args.join(" "), text: `${io.out()}\n${io.err()}` });
  return code;
}

async function fleet(secret: string): Promise<RunningEmulator> {
  const emu = await startEmulator({
    region: "cn-hangzhou",
    port: 0,
    accessKeyId: ID,
    accessKeySecret: secret,
  });
  emulators.push(emu);
  for (const [alias, spec] of [
    ["alias/orders", "Aliyun_AES_256"],
    ["alias/signer", "RSA_2048"],
  ] as const) {
    const usage = spec.startsWith("RSA") ? "SIGN/VERIFY" : "ENCRYPT/DECRYPT";
    const created = emu.service.call("CreateKey", { KeySpec: spec, KeyUsage: usage });
    if (!created.ok) throw new Error(created.error.message);
    const keyId = (created.body.KeyMetadata as { KeyId: string }).KeyId;
    emu.service.call("CreateAlias", { KeyId: keyId, AliasName: alias });
  }
  emu.service.advanceClock(400 * 86_400);
  return emu;
}

const KEYS = [
  "keys:",
  "  - key: alias/orders",
  "    rotation: { mode: automatic, interval: 90d }",
  "  - key: alias/signer",
  "    rotation: { mode: manual, interval: 180d }",
].join("\n");

function config(name: string, provider: string): string {
  writeFileSync(join(dir, name), `version: 1\n${provider}\ndefaults: { region: cn-hangzhou }\n${KEYS}\n`);
  return name;
}

beforeAll(async () => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  dir = mkdtempSync(join(tmpdir(), "kms-secrets-"));
  outside = mkdtempSync(join(tmpdir(), "kms-secrets-creds-"));
  good = await fleet(SECRET);
  wrong = await fleet("another-secret-entirely");
  fileGood = await fleet(FILE_SECRET);
  config("kms.yaml", "provider: { alibaba: { region: cn-hangzhou } }");
  config("local.yaml", "provider: { local: { state: state/local-kms.json } }");
  config(
    "userinfo.yaml",
    `provider: { alibaba: { endpoints: { cn-hangzhou: "http://u:${PASSWORD}@127.0.0.1:1" } } }`,
  );
  config("not-a-url.yaml", `provider: { alibaba: { endpoints: { cn-hangzhou: "ftp://u:${PASSWORD}@h" } } }`);
  writeFileSync(
    join(outside, "credentials"),
    `[default]\ntype = access_key\naccess_key_id = ${ID}\naccess_key_secret = ${FILE_SECRET}\n`,
  );
}, 60_000);

afterAll(async () => {
  setEnv(saved as Record<string, string>);
  await Promise.all(emulators.map((e) => e.close()));
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

/** Every command, with a planted password in --endpoint and against an emulator refusing the signature. */
async function everyCommandFailing(): Promise<void> {
  for (const command of COMMANDS) {
    if (command.name === "emulator") continue;
    const base = [command.name, ...(command.options.region ? ["--region", "cn-hangzhou"] : ["kms.yaml"])];
    if (!command.options.endpoint) {
      await run(base);
      continue;
    }
    await run([...base, "--endpoint", `http://user:${PASSWORD}@127.0.0.1:${good.port}`]);
    await run([...base, "--endpoint", wrong.url]);
    await run(base, { KMS_ROTATION_ENDPOINT: `https://${PASSWORD}@kms.example` });
  }
}

describe("planted secrets", () => {
  test("credentials from the environment: every command, its outputs and its files", async () => {
    setEnv({
      ALIBABA_CLOUD_ACCESS_KEY_ID: ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
      ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
    });
    const at = ["--endpoint", good.url, "--now", good.service.now().toISOString()];
    expect(await run(["validate", "kms.yaml"])).toBe(0);
    expect(await run(["plan", "kms.yaml", "--out", "plan.json", ...at])).toBe(0);
    for (const format of ["json", "markdown"]) await run(["plan", "kms.yaml", "--format", format, ...at]);
    for (const format of ["text", "json", "markdown", "junit"])
      await run(["drift", "kms.yaml", "--include-unmanaged", "--format", format, ...at]);
    expect(await run(["render", "plan.json", "--format", "markdown"])).toBe(0);
    await run(["audit", "kms.yaml", "--format", "csv", ...at]);
    await run(["forecast", "kms.yaml", "--format", "ics", ...at]);
    // A saved plan is applied where this run resolves (section 14): the endpoint is given again.
    expect(await run(["apply", "plan.json", "--auto-approve", "--endpoint", good.url])).toBe(0);
    await run(["apply", "kms.yaml", "--auto-approve", "--format", "json", ...at]);
    expect(await run(["import", "--region", "cn-hangzhou", "--out", "imported.yaml", ...at])).toBe(0);
    await run(["apply", "local.yaml", "--auto-approve"]);
    await run(["plan", "userinfo.yaml"]);
    await run(["validate", "not-a-url.yaml"]);
    await run(["emulator", "--port", String(good.port), "--access-key-secret", SECRET]);
    await everyCommandFailing();
  }, 120_000);

  test("credentials from a credentials file", async () => {
    setEnv({ ALIBABA_CLOUD_CREDENTIALS_FILE: join(outside, "credentials") });
    const at = ["--endpoint", fileGood.url, "--now", fileGood.service.now().toISOString()];
    expect(await run(["plan", "kms.yaml", "--out", "plan-file.json", ...at])).toBe(0);
    expect(await run(["drift", "kms.yaml", "--format", "json", ...at])).toBe(2);
    await run(["import", "--region", "cn-hangzhou", "--out", "imported-file.yaml", ...at]);
    await everyCommandFailing();
  }, 120_000);

  test("nothing printed and no file written holds any of them", () => {
    expect(printed.length).toBeGreaterThan(30);
    const leaks = printed.filter((p) => p.text.includes(MARK)).map((p) => `${p.args}:\n${p.text}`);
    expect(leaks).toEqual([]);
    const files = walk(dir);
    expect(files.some((f) => f.endsWith("plan.json"))).toBe(true);
    expect(files.some((f) => f.endsWith("local-kms.json"))).toBe(true);
    expect(files.some((f) => f.endsWith("imported.yaml"))).toBe(true);
    const written = files.filter((f) => !/\.yaml$/.test(f) || f.includes("imported"));
    for (const file of written) expect(readFileSync(file, "utf8"), file).not.toContain(MARK);
  });
});

function walk(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
