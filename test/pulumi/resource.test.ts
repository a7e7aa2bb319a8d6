import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { call, createKey, emulator } from "../helpers/fleet.js";

const program = fileURLToPath(new URL("./fixtures/program.mjs", import.meta.url));
let emu: RunningEmulator;

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

describe("RotationPolicy in a Pulumi program", () => {
  it("registers, serialises its provider, and the provider Pulumi deserialises makes the key rotate", async () => {
    const keyId = createKey(emu, { alias: "alias/orders-db" });
    // Plain Node, as a user's program runs (the compiled package, no test transform).
    const { stdout } = await promisify(execFile)(process.execPath, [program], {
      env: { PATH: process.env.PATH, EMULATOR_URL: emu.url, KEY: "alias/orders-db" },
    });
    const result = JSON.parse(stdout);
    expect(result.type).toBe("pulumi-nodejs:dynamic/kms-rotation:RotationPolicy");
    expect(result.rotation).toEqual({ mode: "automatic", interval: "90d" });
    expect(result.checked.failures).toBeUndefined();
    expect(result.created.id).toBe(`cn-hangzhou/${keyId}`);
    expect(result.read.props.rotation).toEqual({ mode: "automatic", interval: "90d" });
    expect(call(emu, "DescribeKey", { KeyId: keyId }).KeyMetadata.RotationInterval).toBe("7776000s");
  });
});
