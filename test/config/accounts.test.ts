// Accounts: provider.alibaba.accounts, `account` on keys and in defaults, and the account an ARN names.

import { describe, expect, it } from "vitest";
import { configOf, problemsIn, yaml } from "./helpers.js";

const A = "1111111111111111";
const B = "2222222222222222";

const provider = [
  "provider:",
  "  alibaba:",
  "    region: cn-hangzhou",
  "    accounts:",
  `      "${A}": { profile: team-a }`,
  `      "${B}":`,
  `        roleArn: acs:ram::${B}:role/kms-rotation`,
  "        stsEndpoint: http://127.0.0.1:9000",
  "        endpoints: { cn-shanghai: http://127.0.0.1:9001 }",
  "        quota: { read: 50, write: 30 }",
];
const rotation = "    rotation: { mode: off }";

describe("accounts", () => {
  it("each key gets its own account, the ARN's, or defaults.account", () => {
    const config = configOf(
      yaml(
        "version: 1",
        ...provider,
        "defaults:",
        `  account: "${A}"`,
        "keys:",
        "  - key: alias/a",
        rotation,
        "  - key: alias/b",
        `    account: "${B}"`,
        rotation,
        `  - key: acs:kms:cn-shanghai:${B}:key/key-1`,
        rotation,
      ),
    );
    expect(config.keys.map((k) => [k.key, k.account, k.region])).toEqual([
      ["alias/a", A, "cn-hangzhou"],
      ["alias/b", B, "cn-hangzhou"],
      [`acs:kms:cn-shanghai:${B}:key/key-1`, B, "cn-shanghai"],
    ]);
    expect(config.defaultAccount).toBe(A);
    expect(config.provider).toMatchObject({
      accounts: {
        [A]: { profile: "team-a", endpoints: {} },
        [B]: {
          roleArn: `acs:ram::${B}:role/kms-rotation`,
          stsEndpoint: "http://127.0.0.1:9000",
          endpoints: { "cn-shanghai": "http://127.0.0.1:9001" },
          quota: { read: 50, write: 30 },
        },
      },
    });
  });

  it("without accounts, keys may still name one (the default chain reads them)", () => {
    const config = configOf(
      yaml(
        "version: 1",
        "defaults: { region: cn-hangzhou }",
        "keys:",
        "  - key: alias/a",
        `    account: "${A}"`,
        rotation,
      ),
    );
    expect(config.keys[0]?.account).toBe(A);
  });

  it("the same alias in two accounts is two keys; twice in one account is an error", () => {
    const keys = [
      "  - key: alias/a",
      `    account: "${A}"`,
      rotation,
      "  - key: alias/a",
      `    account: "${B}"`,
      rotation,
    ];
    expect(configOf(yaml("version: 1", ...provider, "keys:", ...keys)).keys).toHaveLength(2);
    const twice = [...keys, "  - key: alias/a", `    account: "${A}"`, rotation];
    expect(problemsIn(yaml("version: 1", ...provider, "keys:", ...twice))).toEqual([
      `19:10 keys[2].key: alias/a is declared twice in cn-hangzhou of account ${A} (first at line 13)`,
    ]);
  });

  it("an ARN of one account with another account named is an error at the account", () => {
    expect(
      problemsIn(
        yaml(
          "version: 1",
          ...provider,
          "keys:",
          `  - key: acs:kms:cn-hangzhou:${A}:key/key-1`,
          `    account: "${B}"`,
          rotation,
        ),
      ),
    ).toEqual([
      `14:14 keys[0].account: the key's ARN is in account ${A}, not ${B}: remove account or make the two agree`,
    ]);
  });

  it("with accounts listed, a key of another account or of none is an error", () => {
    const problems = problemsIn(
      yaml(
        "version: 1",
        ...provider,
        "keys:",
        "  - key: alias/none",
        rotation,
        "  - key: alias/other",
        '    account: "3333333333333333"',
        rotation,
        "  - key: acs:kms:cn-hangzhou:4444444444444444:key/key-1",
        rotation,
      ),
    );
    expect(problems).toEqual([
      "13:10 keys[0].key: has no account: set account on the key or defaults.account to one of provider.alibaba.accounts",
      "16:14 keys[1].account: account 3333333333333333 is not listed in provider.alibaba.accounts",
      "18:10 keys[2].key: account 4444444444444444 (from its ARN) is not listed in provider.alibaba.accounts",
    ]);
  });

  it("an account is 16 digits, has one source of credentials, and a role of its own", () => {
    const problems = problemsIn(
      yaml(
        "version: 1",
        "provider:",
        "  alibaba:",
        "    region: cn-hangzhou",
        "    accounts:",
        '      "123": {}',
        `      "${A}": { profile: p, roleArn: "acs:ram::${A}:role/r" }`,
        `      "${B}": { roleArn: "acs:ram::${A}:role/r" }`,
        '      "3333333333333333": { stsEndpoint: "http://127.0.0.1:1" }',
        "keys: []",
      ),
    );
    expect(problems).toEqual([
      '6:7 provider.alibaba.accounts: "123" is not an account uid (16 digits, as in ARNs)',
      `7:27 provider.alibaba.accounts.${A}: give either profile or roleArn, not both: one account has one source of credentials`,
      `8:38 provider.alibaba.accounts.${B}.roleArn: the role is in account ${A}, not ${B}: list it under the account it belongs to`,
      "9:42 provider.alibaba.accounts.3333333333333333.stsEndpoint: stsEndpoint is used only with roleArn",
    ]);
  });

  it("account on a key must be 16 digits", () => {
    expect(
      problemsIn(
        yaml(
          "version: 1",
          "defaults: { region: cn-hangzhou }",
          "keys:",
          "  - key: alias/a",
          "    account: 12",
          rotation,
        ),
      ),
    ).toEqual(["5:14 keys[0].account: expected a string, got the number 12"]);
  });
});
