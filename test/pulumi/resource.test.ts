import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";

const registered: pulumi.runtime.MockResourceArgs[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.inputs.region}/key-id`, state: { ...args.inputs, keyId: "key-id" } };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

describe("RotationPolicy", () => {
  it("registers a dynamic resource with its inputs and outputs", async () => {
    const { RotationPolicy } = await import("../../src/pulumi/index.js");
    const policy = new RotationPolicy("orders-db", {
      key: "alias/orders-db",
      region: "cn-hangzhou",
      rotation: { mode: "automatic", interval: "90d" },
    });
    const keyId = await new Promise((resolve) => policy.keyId.apply(resolve));
    expect(keyId).toBe("key-id");
    const args = registered.find((r) => r.name === "orders-db");
    expect(args?.type).toBe("pulumi-nodejs:dynamic:Resource");
    expect(args?.inputs.rotation).toEqual({ mode: "automatic", interval: "90d" });
    expect(typeof args?.inputs.__provider).toBe("string");
  });
});
