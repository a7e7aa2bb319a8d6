// Every kind of broken file is refused, each problem at the line and column of the node it is about.

import { describe, expect, it } from "vitest";
import { problemsIn, yaml } from "./helpers.js";

const header = ["version: 1", "keys:"];

describe("YAML syntax", () => {
  it("an unclosed flow mapping is a syntax error at the line that ends it", () => {
    expect(problemsIn(yaml(...header, "  - key: alias/a", "    rotation: {mode: off"))).toEqual([
      "5:1 invalid YAML: Flow map in block collection must be sufficiently indented and end with a }",
    ]);
  });

  it("reports every syntax error, not only the first", () => {
    const text = yaml("version: 1", "keys: [", "bad: 'unterminated", "  - x: y", "ok: 1");
    const problems = problemsIn(text);
    expect(problems.length).toBeGreaterThan(1);
    for (const p of problems) expect(p).toMatch(/^\d+:\d+ invalid YAML: /);
  });

  it("the same field twice in one mapping", () => {
    expect(problemsIn(yaml("version: 1", "keys: []", "version: 1"))).toEqual([
      "3:1 invalid YAML: Map keys must be unique",
    ]);
  });

  it("a second document", () => {
    expect(problemsIn(yaml("version: 1", "keys: []", "---", "version: 1"))).toEqual([
      "3:1 invalid YAML: a config is one YAML document, and this file holds several (a `---` line starts another)",
    ]);
  });

  it("an alias to an anchor that does not exist", () => {
    expect(problemsIn(yaml("version: 1", "keys: *nothing"))).toEqual([
      "2:7 invalid YAML: alias *nothing refers to no anchor &nothing before it",
    ]);
  });
});

describe("the schema", () => {
  it("an unknown field, with a suggestion", () => {
    const text = yaml(
      ...header,
      "  - key: alias/a",
      "    rotation:",
      "      mode: automatic",
      "      intervall: 90d",
    );
    expect(problemsIn(text)).toEqual([
      "5:7 keys[0].rotation: interval is required for automatic rotation (7d to 730d)",
      '6:7 keys[0].rotation: unknown field "intervall" (did you mean "interval"?)',
    ]);
  });

  it("an unknown top-level field lists the known ones when nothing is close", () => {
    expect(problemsIn(yaml("version: 1", "keys: []", "zzzzzz: 1"))).toEqual([
      '3:1 unknown field "zzzzzz" (expected version, provider, defaults, keys, ignore, policy)',
    ]);
  });

  it("a missing required field points at the mapping that lacks it", () => {
    expect(problemsIn(yaml("version: 1", "keys:", "  - key: alias/a"))).toEqual([
      '3:5 keys[0]: missing required field "rotation"',
    ]);
    expect(problemsIn(yaml("version: 1"))).toEqual(['1:1 missing required field "keys"']);
  });

  it("a wrong type", () => {
    expect(problemsIn(yaml("version: 1", "keys:", "  - key: 42", "    rotation: { mode: off }"))).toEqual([
      "3:10 keys[0].key: expected a string, got the number 42",
    ]);
  });

  it("an empty value points at its field", () => {
    expect(problemsIn(yaml(...header, "  - key: alias/a", "    rotation:"))).toEqual([
      "4:5 keys[0].rotation: expected a mapping, got nothing",
    ]);
  });

  it("a mode that is not one of the three", () => {
    expect(problemsIn(yaml(...header, "  - key: alias/a", "    rotation: { mode: automatik }"))).toEqual([
      '4:23 keys[0].rotation.mode: "automatik" is not one of automatic, manual, off (did you mean "automatic"?)',
    ]);
  });

  it("an interval that is not <integer><d|h|m|s>", () => {
    const text = yaml(...header, "  - key: alias/a", "    rotation: { mode: automatic, interval: 90 days }");
    expect(problemsIn(text)).toEqual([
      '4:44 keys[0].rotation.interval: "90 days" is not an interval: write <integer><d|h|m|s>, e.g. 90d',
    ]);
  });

  it("a region that is not a region id", () => {
    expect(problemsIn(yaml("version: 1", "defaults:", "  region: Hangzhou", "keys: []"))).toEqual([
      '3:11 defaults.region: "Hangzhou" is not a region id (like cn-hangzhou or ap-southeast-1)',
    ]);
  });

  it("a file that is not a mapping", () => {
    expect(problemsIn("")).toEqual([
      "1:1 a config file is a mapping with at least version and keys; this one holds nothing",
    ]);
    expect(problemsIn(yaml("- version: 1"))).toEqual([
      "1:1 a config file is a mapping with at least version and keys; this one holds a list",
    ]);
  });

  it("both providers, or none named", () => {
    const both = yaml("version: 1", "provider:", "  alibaba: {}", "  local: {}", "keys: []");
    expect(problemsIn(both)).toEqual(["3:3 provider: name only one provider: alibaba or local, not both"]);
    expect(problemsIn(yaml("version: 1", "provider: {}", "keys: []"))).toEqual([
      "2:11 provider: name a provider: alibaba or local (or leave provider out for local)",
    ]);
  });

  it("endpoints: a bad region name and a bad URL", () => {
    const text = yaml(
      "version: 1",
      "provider:",
      "  alibaba:",
      "    endpoints:",
      "      cn_hangzhou: https://kms.example",
      "      cn-shanghai: kms.cn-shanghai.aliyuncs.com",
      "keys: []",
    );
    expect(problemsIn(text)).toEqual([
      '5:7 provider.alibaba.endpoints: "cn_hangzhou" is not a region id (like cn-hangzhou or ap-southeast-1)',
      '6:20 provider.alibaba.endpoints.cn-shanghai: "kms.cn-shanghai.aliyuncs.com" is not an http:// or https:// URL',
    ]);
  });

  it("an ignore rule with neither key nor tag", () => {
    expect(problemsIn(yaml("version: 1", "keys: []", "ignore:", "  - {}"))).toEqual([
      "4:5 ignore[0]: needs at least one of key, tag",
    ]);
  });
});

describe("the rules", () => {
  it("version must be 1", () => {
    expect(problemsIn(yaml("version: 2", "keys: []"))).toEqual([
      "1:10 version: must be 1 (the only version this tool reads), got the number 2",
    ]);
    expect(problemsIn(yaml('version: "1"', "keys: []"))).toEqual([
      '1:10 version: must be 1 (the only version this tool reads), got the string "1"',
    ]);
  });

  it("automatic and manual need an interval", () => {
    const text = yaml(
      ...header,
      "  - key: alias/a",
      "    rotation: { mode: automatic }",
      "  - key: alias/b",
      "    rotation:",
      "      mode: manual",
    );
    expect(problemsIn(text)).toEqual([
      "4:15 keys[0].rotation: interval is required for automatic rotation (7d to 730d)",
      "7:7 keys[1].rotation: interval is required for manual rotation (at least 7d)",
    ]);
  });

  it("automatic intervals are 7d to 730d; manual at least 7d", () => {
    const text = yaml(
      ...header,
      "  - key: alias/a",
      "    rotation: { mode: automatic, interval: 800d }",
      "  - key: alias/b",
      "    rotation: { mode: automatic, interval: 167h }",
      "  - key: alias/c",
      "    rotation: { mode: manual, interval: 6d }",
      "  - key: alias/d",
      "    rotation: { mode: automatic, interval: 730d }",
      "  - key: alias/e",
      "    rotation: { mode: manual, interval: 3000d }",
      "  - key: alias/f",
      "    rotation: { mode: manual, interval: 99999999999999d }",
    );
    expect(problemsIn(text)).toEqual([
      "4:44 keys[0].rotation.interval: 800d is out of range for automatic rotation (7d to 730d)",
      "6:44 keys[1].rotation.interval: 167h is out of range for automatic rotation (7d to 730d)",
      "8:41 keys[2].rotation.interval: 6d is too short for manual rotation (at least 7d)",
      "14:41 keys[5].rotation.interval: 99999999999999d is too long to be an interval",
    ]);
  });

  it("off with an interval is refused: the interval would be silently ignored", () => {
    const text = yaml(
      ...header,
      "  - key: alias/a",
      "    rotation:",
      "      mode: off",
      "      interval: 90d",
    );
    expect(problemsIn(text)).toEqual([
      "6:7 keys[0].rotation.interval: mode off takes no interval (it would be ignored): remove it, or choose automatic or manual",
    ]);
  });

  it("an alias not of the form alias/<name>", () => {
    const keys = ["alias/", "alias/orders-db/", "alias/orders db", `alias/${"a".repeat(256)}`];
    const text = yaml(...header, ...keys.flatMap((k) => [`  - key: "${k}"`, "    rotation: { mode: off }"]));
    expect(problemsIn(text)).toEqual([
      '3:10 keys[0].key: "alias/" has no alias name after "alias/"',
      '5:10 keys[1].key: "alias/orders-db/": an alias name must not end with "/"',
      '7:10 keys[2].key: "alias/orders db": an alias name may contain only letters, digits, "_", "/", ":" and "-"',
      "9:10 keys[3].key: alias name is 256 characters long; at most 255 are allowed",
    ]);
  });

  it("a key that is neither an id, an alias nor an ARN", () => {
    const text = yaml(...header, "  - key: orders_db", "    rotation: { mode: off }");
    expect(problemsIn(text)).toEqual([
      '3:10 keys[0].key: "orders_db" is not a key id, alias/<name> or acs:kms:<region>:<uid>:key/<KeyId> (a key id has only letters, digits and "-")',
    ]);
  });

  it("a bad ARN says what is wrong with it", () => {
    const arns = [
      "acs:ecs:cn-hangzhou:123:key/key-1",
      "acs:kms:hangzhou:123:key/key-1",
      "acs:kms:cn-hangzhou:me:key/key-1",
      "acs:kms:cn-hangzhou:123:alias/orders-db",
      "acs:kms:cn-hangzhou:123:key/key_1",
      "acs:kms:cn-hangzhou:key/key-1",
    ];
    const text = yaml(...header, ...arns.flatMap((k) => [`  - key: ${k}`, "    rotation: { mode: off }"]));
    const bad = (arn: string, what: string) =>
      `keys[${arns.indexOf(arn)}].key: "${arn}" is not a valid key ARN: ${what}`;
    expect(problemsIn(text)).toEqual([
      `3:10 ${bad(arns[0] as string, 'the service is "ecs", expected "kms"')}`,
      `5:10 ${bad(arns[1] as string, '"hangzhou" is not a region id (like cn-hangzhou)')}`,
      `7:10 ${bad(arns[2] as string, 'the account id "me" must be digits')}`,
      `9:10 ${bad(arns[3] as string, 'the resource must be key/<KeyId>, got "alias/orders-db"; name an alias as alias/orders-db instead')}`,
      `11:10 ${bad(arns[4] as string, '"key_1" is not a key id (letters, digits and "-")')}`,
      `13:10 ${bad(arns[5] as string, 'expected acs:kms:<region>:<uid>:key/<KeyId>, with 5 parts separated by ":"')}`,
    ]);
  });

  it("an ARN's region and a different region: field", () => {
    const text = yaml(
      ...header,
      "  - key: acs:kms:cn-hangzhou:1234567890:key/key-1",
      "    region: cn-shanghai",
      "    rotation: { mode: off }",
    );
    expect(problemsIn(text)).toEqual([
      "4:13 keys[0].region: the key's ARN is in cn-hangzhou, not cn-shanghai: remove region or make the two agree",
    ]);
  });

  it("a key with no region at all (the alibaba provider has no default region)", () => {
    const text = yaml(
      "version: 1",
      "provider:",
      "  alibaba: {}",
      "keys:",
      "  - key: alias/a",
      "    rotation: { mode: off }",
    );
    expect(problemsIn(text)).toEqual([
      "5:10 keys[0].key: alias/a has no region: set region on the key, defaults.region, or provider.alibaba.region",
    ]);
  });

  it("the same key twice in one region", () => {
    const text = yaml(
      "version: 1",
      "defaults: { region: cn-hangzhou }",
      "keys:",
      "  - key: alias/orders-db",
      "    rotation: { mode: off }",
      "  - key: alias/orders-db",
      "    region: cn-shanghai",
      "    rotation: { mode: off }",
      "  - key: alias/orders-db",
      "    rotation: { mode: automatic, interval: 90d }",
    );
    expect(problemsIn(text)).toEqual([
      "9:10 keys[2].key: alias/orders-db is declared twice in cn-hangzhou (first at line 4)",
    ]);
  });

  it("a misspelt region: on a key is not replaced by the default region, so no duplicate is guessed", () => {
    const text = yaml(
      ...header,
      "  - key: alias/orders-db",
      "    rotation: { mode: off }",
      "  - key: alias/orders-db",
      "    regoin: cn-shanghai",
      "    rotation: { mode: off }",
    );
    expect(problemsIn(text)).toEqual(['6:5 keys[1]: unknown field "regoin" (did you mean "region"?)']);
  });

  it("a key id and an ARN of the same id, in another case, are the same key", () => {
    const text = yaml(
      "version: 1",
      "keys:",
      "  - key: 0b30658a-ed1a-4922-b8f7-a673ca9c1234",
      "    rotation: { mode: off }",
      "  - key: acs:kms:cn-hangzhou:1234567890:key/0B30658A-ED1A-4922-B8F7-A673CA9C1234",
      "    rotation: { mode: off }",
    );
    expect(problemsIn(text)).toEqual([
      "5:10 keys[1].key: acs:kms:cn-hangzhou:1234567890:key/0B30658A-ED1A-4922-B8F7-A673CA9C1234 is declared twice in cn-hangzhou (first at line 3, as 0b30658a-ed1a-4922-b8f7-a673ca9c1234)",
    ]);
  });
});

describe("all problems at once", () => {
  it("schema problems and rule problems in one file all come out, sorted by position", () => {
    const text = yaml(
      "version: 1",
      "defaults:",
      "  region: cn-hangzhou",
      "  regoin: cn-shanghai",
      "keys:",
      "  - key: alias/orders-db",
      "    rotation: { mode: automatic, interval: 800d }",
      "  - key: alias/orders-db",
      "    rotation: { mode: manual, interval: 3d }",
      "  - key: acs:kms:cn-hangzhou:uid:key/key-1",
      "    rotation: { mode: off, interval: 30d }",
      "  - key: alias/payments-signer",
      "    rotation: { mode: manual, interval: soon }",
      "extra: true",
    );
    expect(problemsIn(text)).toEqual([
      '4:3 defaults: unknown field "regoin" (did you mean "region"?)',
      "7:44 keys[0].rotation.interval: 800d is out of range for automatic rotation (7d to 730d)",
      "9:41 keys[1].rotation.interval: 3d is too short for manual rotation (at least 7d)",
      '10:10 keys[2].key: "acs:kms:cn-hangzhou:uid:key/key-1" is not a valid key ARN: the account id "uid" must be digits',
      "11:28 keys[2].rotation.interval: mode off takes no interval (it would be ignored): remove it, or choose automatic or manual",
      '13:41 keys[3].rotation.interval: "soon" is not an interval: write <integer><d|h|m|s>, e.g. 90d',
      '14:1 unknown field "extra" (expected version, provider, defaults, keys, ignore, policy)',
    ]);
  });
});
