// A KMS service error is printed with its code once: `Code: message`, never `Code: Code: message`, in
// every view and in the one-line diagnostic; JSON keeps the code in `code` and the text in `message`.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emptyChain } from "../helpers/credential-env.js";
import { emulator, tempDir } from "../helpers/fleet.js";
import { captureIo } from "../helpers/io.js";

const CODE = "InvalidAccessKeyId.NotFound";

let emu: RunningEmulator;
let dir: string;
let restoreChain: () => void;

beforeAll(async () => {
  dir = tempDir();
  // Nothing in the chain: the client signs with local/local, which this emulator does not know.
  restoreChain = emptyChain(dir, { noCredentialsFile: true });
  emu = await emulator({ region: "cn-hangzhou", accessKeyId: "LTAIcodesOwn", accessKeySecret: "own-s3cret" });
  writeFileSync(
    join(dir, "kms.yaml"),
    "version: 1\nprovider:\n  alibaba:\n    region: cn-hangzhou\nkeys:\n  - key: alias/orders-db\n    rotation: { mode: off }\n",
  );
});
afterAll(async () => {
  await emu.close();
  restoreChain();
});

async function run(args: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await main([...args, "--endpoint", emu.url], io);
  return { code, out: io.out(), err: io.err() };
}

const times = (text: string, part: string) => text.split(part).length - 1;

describe("a service error's code", () => {
  it.each([
    ["plan", "text"],
    ["drift", "text"],
    ["drift", "junit"],
    ["drift", "markdown"],
    ["audit", "text"],
  ])("%s --format %s prints it once per mention, with the diagnostic on stderr", async (command, format) => {
    const r = await run([command, "kms.yaml", "--format", format]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${CODE}: Specified access key is not found.`);
    expect(r.out).not.toContain(`${CODE}: ${CODE}`);
    expect(r.err).toBe(
      `error: cannot read alias/orders-db in cn-hangzhou: ${CODE}: Specified access key is not found. (access key id local from the emulator's default (no credentials configured))\n`,
    );
  });

  it("apply prints it once per line", async () => {
    const r = await run(["apply", "kms.yaml", "--auto-approve"]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain(CODE);
    expect(r.out + r.err).not.toContain(`${CODE}: ${CODE}`);
    expect(times(r.err, CODE)).toBe(1);
  });

  it("plan --format json keeps the code in code and the service's text in message", async () => {
    const r = await run(["plan", "kms.yaml", "--format", "json"]);
    const key = JSON.parse(r.out).keys[0];
    expect(key.error).toEqual({
      code: CODE,
      message:
        "Specified access key is not found. (access key id local from the emulator's default (no credentials configured))",
    });
  });
});

describe("drift --format junit for a key that could not be read", () => {
  it("is a JUnit <error> (the check did not run), counted in errors, not failures", async () => {
    const r = await run(["drift", "kms.yaml", "--format", "junit"]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/<testsuites [^>]*tests="1" failures="0" errors="1"/);
    expect(r.out).toMatch(/<testsuite [^>]*tests="1" failures="0" errors="1" skipped="0"/);
    expect(r.out).toMatch(
      new RegExp(`<error message="error: could not be read: ${CODE}: [^"]*" type="error">`),
    );
    expect(r.out).toContain("actual: (could not be read)");
    expect(r.out).not.toContain("<failure");
    expect(r.out).not.toContain("not found in KMS");
  });
});
