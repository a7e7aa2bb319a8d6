// The fast reading (js-yaml, no Document) is only a shortcut: for every file, parseConfig answers exactly
// what the positional reading answers, positions included.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConfig } from "../../src/config/index.js";
import { parsePositional } from "../../src/config/parse.js";
import { readYamlFast } from "../../src/config/yaml-fast.js";

const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1");
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("null", "true", "1_000", "0b11", "0x1F", "- a", "a: b", "# c", "'q'", '"d"', "", " x "),
);
const rotation = fc.oneof(
  fc.constant({ mode: "off" }),
  fc.record({ mode: fc.constant("automatic"), interval: fc.constantFrom("7d", "90d", "720h", "2592000s") }),
  fc.record({ mode: fc.constant("manual"), interval: fc.constantFrom("7d", "180d", "365d") }),
);
const key = fc.record(
  {
    key: fc.nat({ max: 10_000 }).map((n) => `alias/k-${n}`),
    region,
    rotation,
    description: text,
  },
  { requiredKeys: ["key", "rotation"] },
);
const validConfig = fc.record(
  {
    version: fc.constant(1),
    provider: fc.oneof(
      fc.record({ alibaba: fc.record({ region }) }),
      fc.record({ local: fc.record({ state: fc.constantFrom("s.json", "a/b.json") }, { requiredKeys: [] }) }),
    ),
    defaults: fc.record({ region }),
    keys: fc.uniqueArray(key, { maxLength: 8, selector: (k) => `${k.key}@${k.region ?? ""}` }),
    ignore: fc.array(fc.record({ key: fc.constantFrom("alias/test-*", "alias/acs/*") }), { maxLength: 2 }),
  },
  { requiredKeys: ["version", "keys"] },
);
const style = fc.record({
  collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<"any" | "block" | "flow">,
  defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE") as fc.Arbitrary<
    "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE"
  >,
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
});

function sameAnswer(yaml: string): void {
  const options = { cwd: "/work" };
  expect(parseConfig(yaml, "f.yaml", options)).toEqual(parsePositional(yaml, "f.yaml", options));
}

describe("the fast reading answers as the positional one", () => {
  it("for valid configs in every style, with comments", () => {
    // Files the fast reading takes, and files it hands to the positional one: both must answer alike.
    const seen = { fast: 0, positional: 0 };
    fc.assert(
      fc.property(validConfig, style, fc.boolean(), (value, options, comment) => {
        const yaml = stringify(value, options);
        const text = comment ? yaml.replace(/\n/g, " # note\n").replace(/ # note\n$/, "\n") : yaml;
        seen[readYamlFast(text) ? "fast" : "positional"]++;
        sameAnswer(text);
      }),
      { numRuns: 400 },
    );
    expect(seen.fast, "fast").toBeGreaterThan(0);
    expect(seen.positional, "positional").toBeGreaterThan(0);
  });

  it("and it is really taken for a plain block-style file", () => {
    const yaml = stringify({
      version: 1,
      keys: [{ key: "alias/a", rotation: { mode: "automatic", interval: "90d" } }],
    });
    const fast = readYamlFast(yaml);
    expect(fast?.offsetOf(["keys", 0, "key"])).toBe(yaml.indexOf("alias/a"));
    expect(parseConfig(yaml, "f.yaml").config?.keys[0]?.source).toEqual({
      file: "f.yaml",
      line: 3,
      column: 10,
    });
  });

  it("for numbers js-yaml and yaml spell differently", () => {
    for (const version of ["0b1", "1_0", "+1", "0x1", "0o1", "1.0"])
      sameAnswer(`version: ${version}\nkeys: []\n`);
  });

  it("for keys with nothing after them and odd spacing", () => {
    sameAnswer("version: 1\nprovider:\nkeys:\n  -   key:   alias/a\n      rotation: {mode: off}\n");
    sameAnswer("version: 1\nkeys:\n- key: 'alias/a'\n  rotation:\n    mode: off\n  description:\n");
    sameAnswer('{"version": 1, "keys": [{"key": "alias/a", "rotation": {"mode": "off"}}]}');
    sameAnswer("version: 1\r\nkeys:\r\n  - key: alias/a\r\n    rotation: { mode: off }\r\n");
  });
});
