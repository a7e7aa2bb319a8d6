import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { rotationPolicyProvider as provider, type RotationPolicyOutputs } from "../../src/pulumi/index.js";
import { call, createKey, emulator } from "../helpers/fleet.js";

let emu: RunningEmulator;

beforeEach(async () => {
  emu = await emulator();
});
afterEach(async () => {
  await emu.close();
});

const inputs = (
  rotation: { mode: "automatic" | "manual" | "off"; interval?: string },
  key = "alias/orders-db",
) => ({
  key,
  region: "cn-hangzhou",
  endpoint: emu.url,
  rotation,
});
const interval = (key: string) => call(emu, "DescribeKey", { KeyId: key }).KeyMetadata.RotationInterval;

describe("the Pulumi dynamic provider", () => {
  it("check reports bad inputs by property, with the config file's rules", async () => {
    const ok = await provider.check?.(
      inputs({ mode: "automatic", interval: "90d" }),
      inputs({ mode: "automatic", interval: "90d" }),
    );
    expect(ok?.failures).toBeUndefined();
    const bad = await provider.check?.(
      {} as never,
      { key: "alias/", rotation: { mode: "automatic", interval: "800d" } } as never,
    );
    const properties = bad?.failures?.map((f) => f.property).sort();
    expect(properties).toEqual(expect.arrayContaining(["key", "rotation.interval"]));
  });

  it("diff compares intervals by length and replaces on another key", async () => {
    const same = await provider.diff?.(
      "id",
      inputs({ mode: "automatic", interval: "30d" }) as never,
      inputs({ mode: "automatic", interval: "720h" }),
    );
    expect(same?.changes).toBe(false);
    const changed = await provider.diff?.(
      "id",
      inputs({ mode: "automatic", interval: "30d" }) as never,
      inputs({ mode: "automatic", interval: "90d" }),
    );
    expect(changed).toMatchObject({ changes: true, replaces: [] });
    const moved = await provider.diff?.(
      "id",
      inputs({ mode: "off" }) as never,
      inputs({ mode: "off" }, "alias/other"),
    );
    expect(moved).toMatchObject({ changes: true, replaces: ["key"] });
  });

  it("diff reads a blank or padded endpoint as the client does: no change, unless it really moves", async () => {
    const policy = { mode: "automatic", interval: "90d" } as const;
    const without = { ...inputs(policy), endpoint: undefined };
    const blank = await provider.diff?.("id", without as never, { ...inputs(policy), endpoint: "   " });
    expect(blank?.changes).toBe(false);
    const padded = await provider.diff?.("id", inputs(policy) as never, {
      ...inputs(policy),
      endpoint: ` ${emu.url}\t`,
    });
    expect(padded?.changes).toBe(false);
    const slash = await provider.diff?.("id", inputs(policy) as never, {
      ...inputs(policy),
      endpoint: `${emu.url.toUpperCase().replace("HTTP://", "http://")}/`,
    });
    expect(slash?.changes).toBe(false);
    const moved = await provider.diff?.("id", inputs(policy) as never, {
      ...inputs(policy),
      endpoint: "http://127.0.0.1:1",
    });
    expect(moved?.changes).toBe(true);
  });

  it("check refuses an endpoint the client could not use, as the CLI refuses --endpoint", async () => {
    const policy = { mode: "automatic", interval: "90d" } as const;
    for (const endpoint of ["ftp://x", "not a url", "http://host/path"]) {
      const checked = await provider.check?.({} as never, { ...inputs(policy), endpoint });
      expect(
        checked?.failures?.map((f) => f.property),
        endpoint,
      ).toEqual(["endpoint"]);
    }
    const fine = await provider.check?.({} as never, { ...inputs(policy), endpoint: ` ${emu.url} ` });
    expect(fine?.failures).toBeUndefined();
  });

  it("create, read, update and delete drive the key through the planner and executor", async () => {
    const keyId = createKey(emu, { alias: "alias/orders-db" });
    const created = await provider.create(inputs({ mode: "automatic", interval: "90d" }));
    expect(created.id).toBe(`cn-hangzhou/${keyId}`);
    expect(created.outs?.keyId).toBe(keyId);
    expect(interval(keyId)).toBe("7776000s");

    call(emu, "UpdateRotationPolicy", {
      KeyId: keyId,
      EnableAutomaticRotation: "true",
      RotationInterval: "30d",
    });
    const read = await provider.read?.(created.id, created.outs as RotationPolicyOutputs);
    expect(read?.props?.rotation).toEqual({ mode: "automatic", interval: "30d" });

    await provider.update?.(
      created.id,
      created.outs as RotationPolicyOutputs,
      inputs({ mode: "automatic", interval: "180d" }),
    );
    expect(interval(keyId)).toBe("15552000s");

    await provider.delete?.(created.id, created.outs as RotationPolicyOutputs);
    expect(interval(keyId)).toBe("15552000s");
  });

  it("create fails with the reason when the key cannot rotate as declared", async () => {
    createKey(emu, { alias: "alias/signer", spec: "RSA_2048" });
    await expect(
      provider.create(inputs({ mode: "automatic", interval: "90d" }, "alias/signer")),
    ).rejects.toThrow(/AutomaticRotationUnsupported/);
  });

  it("read of a key that no longer exists drops the resource", async () => {
    const gone = {
      ...inputs({ mode: "off" }, "0b30658a-ed1a-4922-b8f7-a673ca9c1234"),
      keyId: "0b30658a-ed1a-4922-b8f7-a673ca9c1234",
      arn: "",
    };
    expect(await provider.read?.("cn-hangzhou/x", gone as RotationPolicyOutputs)).toEqual({});
  });
});
