// Endpoints are checked once, by one rule: a file `validate` accepts never fails later on its endpoint.
// A bad endpoint in the file is file:line:column before any KMS call; a bad --endpoint or
// KMS_ROTATION_ENDPOINT is one line, exit 1, before any call. A password in a URL is never printed.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { createKey, emulator, stats, tempDir } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

let emu: RunningEmulator;
let dir: string;

beforeAll(async () => {
  emu = await emulator();
  dir = tempDir();
  createKey(emu, { alias: "alias/orders" });
});
afterAll(async () => {
  await emu.close();
});

async function run(args: string[], env: Record<string, string> = {}) {
  const io = captureIo({ cwd: dir, env });
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

async function calls(): Promise<number> {
  return Object.values(await stats(emu)).reduce((a, b) => a + b, 0);
}

function config(name: string, provider: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\n${provider}keys:\n  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n`,
  );
  return file;
}

const port = () => new URL(emu.url).port;
const ROOT_ONLY = "the RPC API lives at the root: give no path, query or user";

describe("endpoints in the config file", () => {
  const cases = [
    {
      name: "a user and password",
      url: () => `http://u:s3cret-pw@127.0.0.1:${port()}`,
      shown: () => `"http://[redacted]@127.0.0.1:${port()}": ${ROOT_ONLY}`,
    },
    {
      name: "a path",
      url: () => `http://127.0.0.1:${port()}/path`,
      shown: () => `"http://127.0.0.1:${port()}/path": ${ROOT_ONLY}`,
    },
    {
      name: "a port out of range",
      url: () => "http://127.0.0.1:99999",
      shown: () => `"http://127.0.0.1:99999": expected http(s)://host[:port] or a bare host name`,
    },
  ];
  for (const c of cases) {
    it(`with ${c.name}: validate and plan both refuse it at file:line:column, no KMS call`, async () => {
      const file = config("endpoint.yaml", `    endpoints:\n      cn-hangzhou: '${c.url()}'\n`);
      const line = `${file}:6:20: provider.alibaba.endpoints.cn-hangzhou: invalid KMS endpoint ${c.shown()}\n`;
      for (const command of ["validate", "plan"]) {
        const r = await run([command, file]);
        expect(r.code, command).toBe(1);
        expect(r.err, command).toBe(line);
        expect(r.out + r.err).not.toContain("s3cret-pw");
      }
      expect(await calls()).toBe(0);
    });
  }

  it("checks each account's endpoints and stsEndpoint the same way", async () => {
    const file = config(
      "accounts.yaml",
      [
        "    accounts:",
        '      "1234567890123456":',
        "        roleArn: acs:ram::1234567890123456:role/kms",
        "        stsEndpoint: 'http://a:pw-sts@127.0.0.1:1'",
        "        endpoints:",
        "          cn-hangzhou: 'http://127.0.0.1:1/kms?token=abc'",
        "defaults:",
        "  account: '1234567890123456'",
        "",
      ].join("\n"),
    );
    const r = await run(["validate", file]);
    expect(r.code).toBe(1);
    const account = "provider.alibaba.accounts.1234567890123456";
    expect(r.err).toBe(
      `${file}:8:22: ${account}.stsEndpoint: invalid KMS endpoint "http://[redacted]@127.0.0.1:1": ${ROOT_ONLY}\n` +
        `${file}:10:24: ${account}.endpoints.cn-hangzhou: invalid KMS endpoint "http://127.0.0.1:1/kms?[redacted]": ${ROOT_ONLY}\n`,
    );
    expect(r.err).not.toMatch(/pw-sts|abc/);
  });

  it("a valid endpoint is accepted by validate and used by plan", async () => {
    const file = config("good.yaml", `    endpoints:\n      cn-hangzhou: '${emu.url}'\n`);
    expect((await run(["validate", file])).code).toBe(0);
    const r = await run(["plan", file, "--now", emu.service.now().toISOString()]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain("alias/orders");
  });
});

describe("--endpoint and KMS_ROTATION_ENDPOINT", () => {
  it("an invalid one is one line, exit 1, before any KMS call, without its password", async () => {
    const file = config("plain.yaml", "");
    const before = await calls();
    const bad = `http://u:flag-pw@127.0.0.1:${port()}/x`;
    const flag = await run(["plan", file, "--endpoint", bad]);
    expect(flag.code).toBe(1);
    expect(flag.err).toBe(
      `error: --endpoint: invalid KMS endpoint "http://[redacted]@127.0.0.1:${port()}/x": ${ROOT_ONLY}\n`,
    );
    const env = await run(["apply", file, "--auto-approve"], {
      KMS_ROTATION_ENDPOINT: "http://127.0.0.1:99999",
    });
    expect(env.code).toBe(1);
    expect(env.err).toBe(
      `error: KMS_ROTATION_ENDPOINT: invalid KMS endpoint "http://127.0.0.1:99999": expected http(s)://host[:port] or a bare host name\n`,
    );
    expect(flag.out + flag.err + env.out).not.toContain("flag-pw");
    expect(await calls()).toBe(before);
  });
});

describe("an endpoint of only spaces is unset", () => {
  function localConfig(name: string): string {
    writeFileSync(join(dir, "fleet.yaml"), "version: 1\nkeys:\n  - alias: alias/orders\n    created: -10d\n");
    const file = join(dir, name);
    writeFileSync(
      file,
      `version: 1\nprovider:\n  local:\n    seed: fleet.yaml\n    state: ${name}.state.json\nkeys:\n  - key: alias/orders\n    rotation: { mode: automatic, interval: 90d }\n`,
    );
    return file;
  }

  it.each([
    ["KMS_ROTATION_ENDPOINT", [], { KMS_ROTATION_ENDPOINT: "   " }],
    ["KMS_ROTATION_ENDPOINT (a tab)", [], { KMS_ROTATION_ENDPOINT: "\t" }],
    ["--endpoint", ["--endpoint", "  "], {}],
  ] as const)("%s: provider.local still runs its embedded emulator", async (_name, flags, env) => {
    const file = localConfig(`local-${_name.length}.yaml`);
    const planned = await run(["plan", file, "--timeout", "3s", ...flags], env);
    expect(planned.err).toBe("");
    expect(planned.out).toContain("alias/orders");
    expect(planned.out).toContain("Plan: 1 to change, 0 blocked, 0 unchanged.");
    expect(planned.code).toBe(0);
  });

  it("a saved plan records no endpoint for it", async () => {
    const file = localConfig("saved.yaml");
    const out = join(dir, "saved-plan.json");
    const planned = await run(["plan", file, "--out", out, "--timeout", "3s"], {
      KMS_ROTATION_ENDPOINT: " ",
    });
    expect(planned.code).toBe(0);
    const saved = JSON.parse(readFileSync(out, "utf8")) as { saved: { provider: Record<string, unknown> } };
    expect(saved.saved.provider).not.toHaveProperty("endpoint");
  });
});
