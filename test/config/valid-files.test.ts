// Valid files come back as a normalised Config: intervals in seconds, refs parsed, regions resolved,
// provider paths absolute.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/index.js";
import { DAY } from "../../src/model/duration.js";
import { configOf, yaml } from "./helpers.js";

describe("valid files", () => {
  it("examples/quickstart.yaml is valid: 15 keys in cn-hangzhou, seeded from the fleet file beside it", () => {
    const file = "examples/quickstart.yaml";
    const config = configOf(readFileSync(new URL(`../../${file}`, import.meta.url), "utf8"), file, "/repo");
    expect(config.keys).toHaveLength(15);
    expect(new Set(config.keys.map((k) => k.region))).toEqual(new Set(["cn-hangzhou"]));
    expect(config.provider).toEqual({
      kind: "local",
      state: "/repo/examples/.kms-rotation/local-kms.json",
      seed: "/repo/examples/quickstart-fleet.yaml",
      home: "cn-hangzhou",
    });
    expect(config.ignore.map((r) => r.key ?? r.tag)).toEqual([
      "alias/oss-managed",
      "alias/acs/*",
      { key: "owner", value: "platform-team" },
    ]);
  });

  it("720h is the same policy as 30d", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "keys:",
        "  - key: alias/a",
        "    rotation: { mode: automatic, interval: 720h }",
        "  - key: alias/b",
        "    rotation: { mode: automatic, interval: 30d }",
        "  - key: alias/c",
        "    rotation: { mode: automatic, interval: 2592000s }",
      ),
    );
    expect(config.keys.map((k) => k.rotation)).toEqual([
      { mode: "automatic", interval: 30 * DAY },
      { mode: "automatic", interval: 30 * DAY },
      { mode: "automatic", interval: 30 * DAY },
    ]);
  });

  it("the bounds themselves are allowed: automatic 7d and 730d, manual 7d and beyond 730d", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "keys:",
        "  - { key: alias/a, rotation: { mode: automatic, interval: 7d } }",
        "  - { key: alias/b, rotation: { mode: automatic, interval: 730d } }",
        "  - { key: alias/c, rotation: { mode: manual, interval: 168h } }",
        "  - { key: alias/d, rotation: { mode: manual, interval: 1000d } }",
      ),
    );
    expect(config.keys.map((k) => k.rotation)).toEqual([
      { mode: "automatic", interval: 7 * DAY },
      { mode: "automatic", interval: 730 * DAY },
      { mode: "manual", interval: 7 * DAY },
      { mode: "manual", interval: 1000 * DAY },
    ]);
  });

  it("each kind of key name becomes its KeyRef, keeping the text as written and its position", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "keys:",
        "  - key: alias/orders-db",
        "    rotation: { mode: off }",
        "  - key: key-hzz62f1cb66fa42qo0001",
        "    rotation: { mode: off }",
        "  - key: acs:kms:ap-southeast-1:1234567890123456:key/0b30658a-ed1a-4922-b8f7-a673ca9c1234",
        "    rotation: { mode: off }",
      ),
    );
    expect(config.keys.map((k) => [k.key, k.ref, k.region, k.source?.line, k.source?.column])).toEqual([
      ["alias/orders-db", { kind: "alias", alias: "alias/orders-db" }, "cn-hangzhou", 3, 10],
      ["key-hzz62f1cb66fa42qo0001", { kind: "id", keyId: "key-hzz62f1cb66fa42qo0001" }, "cn-hangzhou", 5, 10],
      [
        "acs:kms:ap-southeast-1:1234567890123456:key/0b30658a-ed1a-4922-b8f7-a673ca9c1234",
        {
          kind: "arn",
          keyId: "0b30658a-ed1a-4922-b8f7-a673ca9c1234",
          region: "ap-southeast-1",
          account: "1234567890123456",
        },
        "ap-southeast-1",
        7,
        10,
      ],
    ]);
  });

  it("a key's region: its own, then defaults.region, then the provider's", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "provider: { alibaba: { region: cn-beijing, endpoints: { cn-beijing: 'http://127.0.0.1:8300' } } }",
        "defaults: { region: cn-shanghai }",
        "keys:",
        "  - { key: alias/a, region: cn-shenzhen, rotation: { mode: off } }",
        "  - { key: alias/b, rotation: { mode: off } }",
      ),
    );
    expect(config.keys.map((k) => k.region)).toEqual(["cn-shenzhen", "cn-shanghai"]);
    expect(config.defaultRegion).toBe("cn-shanghai");
    expect(config.provider).toEqual({
      kind: "alibaba",
      region: "cn-beijing",
      endpoints: { "cn-beijing": "http://127.0.0.1:8300" },
    });
    const fromProvider = configOf(
      yaml(
        "version: 1",
        "provider: { alibaba: { region: cn-beijing } }",
        "keys:",
        "  - { key: alias/b, rotation: { mode: off } }",
      ),
    );
    expect(fromProvider.keys[0]?.region).toBe("cn-beijing");
    expect(fromProvider.provider).toEqual({ kind: "alibaba", region: "cn-beijing", endpoints: {} });
  });

  it("the same alias in two regions is two keys; an ARN with a matching region: is fine", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "keys:",
        "  - { key: alias/a, region: cn-hangzhou, rotation: { mode: off } }",
        "  - { key: alias/a, region: cn-shanghai, rotation: { mode: off } }",
        "  - { key: 'acs:kms:cn-beijing:1:key/key-1', region: cn-beijing, rotation: { mode: off } }",
      ),
    );
    expect(config.keys.map((k) => `${k.key}@${k.region}`)).toEqual([
      "alias/a@cn-hangzhou",
      "alias/a@cn-shanghai",
      "acs:kms:cn-beijing:1:key/key-1@cn-beijing",
    ]);
  });

  it("no provider means local, in cn-hangzhou, with its state beside the config file", () => {
    const config = configOf(yaml("version: 1", "keys: []"), "conf/kms.yaml", "/home/me/project");
    expect(config).toEqual({
      file: "conf/kms.yaml",
      version: 1,
      provider: { kind: "local", state: "/home/me/project/conf/.kms-rotation/local-kms.json" },
      keys: [],
      ignore: [],
    });
  });

  it("local paths: state and seed against the config file's directory, as the file travels", () => {
    const text = yaml(
      "version: 1",
      "provider:",
      "  local: { state: tmp/kms.json, seed: ../fleet.yaml, region: ap-southeast-1 }",
      "keys:",
      "  - { key: alias/a, rotation: { mode: off } }",
    );
    const config = configOf(text, "conf/kms.yaml", "/home/me/project");
    expect(config.provider).toEqual({
      kind: "local",
      state: "/home/me/project/conf/tmp/kms.json",
      seed: "/home/me/project/fleet.yaml",
      region: "ap-southeast-1",
      home: "ap-southeast-1",
    });
    expect(config.keys[0]?.region).toBe("ap-southeast-1");
  });

  it("ignore rules keep their glob, tag and position", () => {
    const text = yaml(
      "version: 1",
      "keys: []",
      "ignore:",
      "  - key: alias/test-*",
      "  - tag: { key: team }",
      "  - { key: 'key-*', tag: { key: env, value: dev } }",
    );
    expect(configOf(text).ignore).toEqual([
      { key: "alias/test-*", source: { file: "kms.yaml", line: 4, column: 5 } },
      { tag: { key: "team" }, source: { file: "kms.yaml", line: 5, column: 5 } },
      { key: "key-*", tag: { key: "env", value: "dev" }, source: { file: "kms.yaml", line: 6, column: 5 } },
    ]);
  });

  it("anchors and aliases are read as YAML means them", () => {
    const text = yaml(
      "version: 1",
      "keys:",
      "  - key: alias/a",
      "    rotation: &yearly { mode: automatic, interval: 365d }",
      "  - key: alias/b",
      "    rotation: *yearly",
    );
    expect(configOf(text).keys.map((k) => k.rotation)).toEqual([
      { mode: "automatic", interval: 365 * DAY },
      { mode: "automatic", interval: 365 * DAY },
    ]);
  });

  it("parseConfig returns no config when there is any problem", () => {
    const { config, problems } = parseConfig("version: 1\nkeys: nope\n", "x.yaml");
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
  });
});
