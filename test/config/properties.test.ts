// Whatever the file holds, parseConfig answers: a config, or problems that each point inside the file.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConfig } from "../../src/config/index.js";

function checkAnswer(text: string): void {
  const { config, problems } = parseConfig(text, "random.yaml", { cwd: "/work" });
  expect(config === undefined).toBe(problems.length > 0);
  const lines = text.split("\n");
  for (const problem of problems) {
    expect(problem.message.length).toBeGreaterThan(0);
    const position = problem.position;
    expect(position, problem.message).toBeDefined();
    if (!position) continue;
    expect(position.file).toBe("random.yaml");
    expect(position.line).toBeGreaterThanOrEqual(1);
    expect(position.line).toBeLessThanOrEqual(lines.length);
    expect(position.column).toBeGreaterThanOrEqual(1);
    expect(position.column).toBeLessThanOrEqual((lines[position.line - 1] ?? "").length + 1);
  }
}

/** Either a plausible value for a field or anything at all. */
const maybe = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: plausible }, fc.anything());

const interval = fc.oneof(
  fc.tuple(fc.nat({ max: 2000 }), fc.constantFrom("d", "h", "m", "s")).map(([n, u]) => `${n}${u}`),
  fc.string(),
);
const keyName = fc.oneof(
  fc.constantFrom("alias/orders-db", "alias/", "alias/a/", "key-1", "0b30658a-ed1a-4922-b8f7-a673ca9c1234"),
  fc.constantFrom("acs:kms:cn-hangzhou:123:key/key-1", "acs:kms:cn-shanghai:1:key/KEY-1", "acs:x"),
  fc.string(),
);
const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1", "Hangzhou", "");
const rotation = fc.record(
  { mode: maybe(fc.constantFrom("automatic", "manual", "off", "auto")), interval: maybe(interval) },
  { requiredKeys: [] },
);
const key = fc.record(
  { key: maybe(keyName), region: maybe(region), rotation: maybe(rotation), description: fc.anything() },
  { requiredKeys: [] },
);
const provider = fc.oneof(
  fc.record({
    alibaba: maybe(fc.record({ region: maybe(region), endpoints: fc.anything() }, { requiredKeys: [] })),
  }),
  fc.record({
    local: maybe(
      fc.record({ state: fc.anything(), seed: fc.anything(), region: maybe(region) }, { requiredKeys: [] }),
    ),
  }),
  fc.anything(),
);
const ignoreRule = fc.record(
  { key: fc.anything(), tag: maybe(fc.record({ key: fc.anything(), value: fc.anything() })) },
  { requiredKeys: [] },
);
const config = fc.record(
  {
    version: maybe(fc.constant(1)),
    provider,
    defaults: maybe(fc.record({ region: maybe(region) }, { requiredKeys: [] })),
    keys: maybe(fc.array(maybe(key), { maxLength: 6 })),
    ignore: maybe(fc.array(maybe(ignoreRule), { maxLength: 3 })),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe("parseConfig never crashes", () => {
  it("on random text", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), checkAnswer), { numRuns: 500 });
  });

  it("on random YAML-ish text", () => {
    const token = fc.constantFrom(
      "version: 1\n",
      "keys:\n",
      "  - ",
      "key: ",
      "{",
      "}",
      "[",
      "]",
      ": ",
      "&a ",
      "*a",
      "\n",
      "  ",
      "- ",
      '"',
      "'",
      "#",
      "---\n",
      "? ",
      "!!str ",
      "90d",
      ",",
    );
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }).map((t) => t.join("")),
        checkAnswer,
      ),
      { numRuns: 1000 },
    );
  });

  it("on random config-shaped values, serialised as YAML", () => {
    fc.assert(
      fc.property(config, (value) => checkAnswer(stringify(value))),
      { numRuns: 1000 },
    );
  });

  it("on random config-shaped values in flow style", () => {
    fc.assert(
      fc.property(config, (value) => checkAnswer(stringify(value, { collectionStyle: "flow" }))),
      { numRuns: 300 },
    );
  });
});
