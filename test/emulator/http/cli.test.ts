// The real `kms-rotation emulator` process: its one line, its flags, clean stops, and durability under SIGKILL.

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ROOT, useBuiltCli } from "../../helpers/built.js";
import { callAction, failure, Kms, kmsClient, openApiClient } from "./sdk.js";

let dir: string;
const children: ChildProcess[] = [];

useBuiltCli();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "kms-emulator-cli-"));
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  readonly child: ChildProcess;
  readonly port: number;
  readonly line: string;
  readonly exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(args: readonly string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, "emulator", ...args], { cwd: ROOT, stdio: "pipe" });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const match = /^listening on http:\/\/127\.0\.0\.1:(\d+)\n/.exec(stdout);
      if (match) resolve({ child, port: Number(match[1]), line: stdout.split("\n")[0] as string, exited });
    });
    exited.then((result) => reject(new Error(`exited ${result.code}: ${result.stderr}`)));
  });
}

function runToEnd(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, "emulator", ...args], { cwd: ROOT, stdio: "pipe" });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c) => {
    stdout += c;
  });
  child.stderr?.on("data", (c) => {
    stderr += c;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("kms-rotation emulator", () => {
  it("prints exactly one line once listening, serves the SDK, and exits 0 on SIGTERM", async () => {
    const emulator = await start(["--port", "0", "--state", join(dir, "term.json")]);
    expect(emulator.line).toBe(`listening on http://127.0.0.1:${emulator.port}`);
    const client = kmsClient({ port: emulator.port });
    await client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
    emulator.child.kill("SIGTERM");
    const { code, stdout, stderr } = await emulator.exited;
    expect(code).toBe(0);
    expect(stdout).toBe(`${emulator.line}\n`);
    expect(stderr).toBe("");
  });

  it("exits 0 on SIGINT too, and a restart on the same state keeps the keys and the clock", async () => {
    const state = join(dir, "int.json");
    const first = await start(["--port", "0", "--state", state, "--clock", "2030-01-01T00:00:00Z"]);
    const created = await kmsClient({ port: first.port }).createKey(
      new Kms.CreateKeyRequest({ keySpec: "RSA_2048" }),
    );
    first.child.kill("SIGINT");
    expect((await first.exited).code).toBe(0);
    const second = await start(["--port", "0", "--state", state]);
    const keyId = created.keyMetadata?.keyId as string;
    const read = await kmsClient({ port: second.port }).describeKey(new Kms.DescribeKeyRequest({ keyId }));
    expect(read.keyMetadata?.creationDate).toMatch(/^2030-01-01/);
    const clock = (await (await fetch(`http://127.0.0.1:${second.port}/__emulator/clock`)).json()) as {
      now: string;
    };
    expect(clock.now).toMatch(/^2030-01-01/);
  });

  it.each([
    [["--port", "http"], "--port"],
    [["--port", "70000"], "--port"],
    [["--region", "Hangzhou"], "--region"],
    [["--clock", "yesterday"], "--clock"],
    [["--clock", "2027-02-30T00:00:00Z"], '--clock: "2027-02-30T00:00:00Z" is not a calendar date'],
    [["--latency", "-5"], "--latency"],
    [["--qps", "fast"], "--qps"],
    [["--qps", "read=5,reads=6"], "--qps"],
    [["--qps", "read=0"], "--qps"],
    [["--qps", "crypto=0"], "--qps"],
    [["--quota", "keys=ten"], "--quota"],
    [["--quota", "buckets=1"], "--quota"],
    [["--fault-rate", "1.5"], "--fault-rate"],
    [["--seed", "no/such/fleet.yaml"], "--seed"],
    [["--instance", "kst-a"], "--instance"],
    [["--instance", "kst-a=tpm"], "--instance"],
    [["--instance", "kst-a=hsm", "--instance", "kst-a=software"], "--instance"],
    [["--throttle-code", "503"], "--throttle-code"],
    [["--colour"], "unknown option --colour for emulator"],
  ])("refuses %j with a clear error and exit 1", async (args, mention) => {
    const { code, stdout, stderr } = await runToEnd([...args, "--access-key-secret", "hunter2-secret"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: /);
    expect(stderr).toContain(mention);
    expect(stdout + stderr).not.toContain("hunter2-secret");
  });

  it("says so when the port is taken", async () => {
    const running = await start(["--port", "0"]);
    const { code, stderr } = await runToEnd(["--port", String(running.port)]);
    expect(code).toBe(1);
    expect(stderr).toBe(`error: cannot listen on 127.0.0.1:${running.port}: the address is already in use\n`);
  });

  it("a second emulator on a state file in use exits 1 with one line naming the file and the holder", async () => {
    const state = join(dir, "held.json");
    const first = await start(["--port", "0", "--state", state]);
    const second = await runToEnd(["--port", "0", "--state", state]);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe("");
    const since = /since (\S+);/.exec(second.stderr)?.[1];
    expect(second.stderr).toBe(
      `error: state file ${state} is in use by pid ${first.child.pid} since ${since}; one process at a time may use it\n`,
    );
    // The first one is unharmed and still the only writer.
    await kmsClient({ port: first.port }).createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
  });

  it("warns on stderr when bound beyond loopback, naming the default credentials", async () => {
    const child = spawn(process.execPath, [BIN, "emulator", "--host", "0.0.0.0", "--port", "0"], {
      cwd: ROOT,
      stdio: "pipe",
    });
    children.push(child);
    let stderr = "";
    await new Promise<void>((resolve) =>
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
        if (stderr.endsWith("\n")) resolve();
      }),
    );
    child.kill("SIGTERM");
    expect(stderr).toMatch(
      /^warning: listening on 0\.0\.0\.0, beyond this machine's loopback: .*local\/local/,
    );
    expect(stderr.split("\n")).toHaveLength(2);
  });

  it("takes every documented flag", async () => {
    const emulator = await start([
      ...["--host", "127.0.0.1", "--port", "0", "--region", "cn-shanghai"],
      ...["--access-key-id", "ci", "--access-key-secret", "ci-secret", "--latency", "1"],
      ...[
        "--qps",
        "read=100,write=50,create=10,crypto=200",
        "--quota",
        "keys=1,aliases=5,versions=100",
        "--fault-rate",
        "0",
      ],
    ]);
    const client = kmsClient({ port: emulator.port, accessKeyId: "ci", accessKeySecret: "ci-secret" });
    const key = await client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
    expect(key.keyMetadata?.arn).toMatch(/^acs:kms:cn-shanghai:/);
    const second = await failure(client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" })));
    expect(second).toMatchObject({ code: "Rejected.LimitExceededError", status: 400 });
  });
});

describe("the newer generation and throttling forms", () => {
  it("--instance declares KMS instances (kept in the state) and --throttle-code 400 answers as legacy pages", async () => {
    const state = join(dir, "instances.json");
    const args = ["--port", "0", "--state", state, "--qps", "read=1", "--throttle-code", "400"];
    const first = await start([...args, "--instance", "kst-a=hsm", "--instance", "kst-b=software"]);
    const client = openApiClient({ port: first.port }, "v3");
    const created = await callAction(client, "CreateKey", { query: { DKMSInstanceId: "kst-a" } });
    expect(created.body.KeyMetadata).toMatchObject({ DKMSInstanceId: "kst-a", ProtectionLevel: "HSM" });
    const reads = Array.from({ length: 3 }, () =>
      failure(callAction(client, "ListKeys")).catch(() => undefined),
    );
    const refused = (await Promise.all(reads)).filter((e) => e !== undefined);
    expect(refused[0]).toMatchObject({ code: "Throttling", status: 400 });
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    const second = await start(["--port", "0", "--state", state]);
    const again = await callAction(openApiClient({ port: second.port }, "v1"), "CreateKey", {
      query: { DKMSInstanceId: "kst-b" },
    });
    expect(again.body.KeyMetadata).toMatchObject({ ProtectionLevel: "SOFTWARE" });
    second.child.kill("SIGTERM");
    await second.exited;
    const clash = await runToEnd(["--port", "0", "--state", state, "--instance", "kst-a=software"]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toBe("error: KMS instance kst-a is hsm already; --instance declares it software\n");
  });
});

describe("durability", () => {
  it("every acknowledged write survives a SIGKILL in the middle of a burst of concurrent writes", async () => {
    const state = join(dir, "kill.json");
    const first = await start(["--port", "0", "--state", state]);
    const client = kmsClient({ port: first.port });
    const acked = { keys: [] as string[], aliases: new Map<string, string>(), policies: new Set<string>() };
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = await client.createKey(new Kms.CreateKeyRequest({ keySpec: "Aliyun_AES_256" }));
        const keyId = key.keyMetadata?.keyId as string;
        acked.keys.push(keyId);
        const aliasName = `alias/w${w}-${i}`;
        await client.createAlias(new Kms.CreateAliasRequest({ keyId, aliasName }));
        acked.aliases.set(aliasName, keyId);
        const policy = { keyId, enableAutomaticRotation: true, rotationInterval: "30d" };
        await client.updateRotationPolicy(new Kms.UpdateRotationPolicyRequest(policy));
        acked.policies.add(keyId);
        if (acked.keys.length >= 60 && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    // Writes in flight at the kill fail with a network error: only acknowledged ones are promised.
    await Promise.allSettled(Array.from({ length: 12 }, (_, w) => worker(w)));
    expect((await first.exited).code).toBeNull();
    const second = await start(["--port", "0", "--state", state]);
    const reader = kmsClient({ port: second.port });
    for (const keyId of acked.keys) {
      const read = await reader.describeKey(new Kms.DescribeKeyRequest({ keyId }));
      if (acked.policies.has(keyId)) expect(read.keyMetadata?.automaticRotation).toBe("Enabled");
    }
    for (const [aliasName, keyId] of acked.aliases) {
      const read = await reader.describeKey(new Kms.DescribeKeyRequest({ keyId: aliasName }));
      expect(read.keyMetadata?.keyId).toBe(keyId);
    }
    expect(acked.keys.length).toBeGreaterThanOrEqual(60);
  });
});

describe("the emulator as an account", () => {
  it("--account-id, --role and --session-duration: STS AssumeRole on the same port, its ARNs of that account", async () => {
    const account = "2222222222222222";
    const role = `acs:ram::${account}:role/kms-rotation`;
    const { port, child } = await start([
      "--port",
      "0",
      "--account-id",
      account,
      "--role",
      role,
      "--session-duration",
      "60",
      "--access-key-id",
      "ak-b",
      "--access-key-secret",
      "sk-b",
    ]);
    const own = openApiClient({ port, accessKeyId: "ak-b", accessKeySecret: "sk-b" }, "v1");
    const { body } = await callAction(own, "AssumeRole", {
      version: "2015-04-01",
      query: { RoleArn: role, RoleSessionName: "kms-rotation", DurationSeconds: "3600" },
    });
    const c = body.Credentials as Record<string, string>;
    expect(Date.parse(c.Expiration as string) - Date.now()).toBeLessThanOrEqual(61_000);
    const temporary = openApiClient(
      {
        port,
        accessKeyId: c.AccessKeyId,
        accessKeySecret: c.AccessKeySecret,
        securityToken: c.SecurityToken,
      },
      "v3",
    );
    const created = await callAction(temporary, "CreateKey", {});
    expect((created.body.KeyMetadata as { Arn: string }).Arn).toMatch(
      new RegExp(`^acs:kms:cn-hangzhou:${account}:key/`),
    );
    child.kill("SIGTERM");
  });
});
