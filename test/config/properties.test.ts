// Whatever the file holds, parseConfig answers: a config, or problems that each point inside the file.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConfig } from "../../src/config/index.js";

type Answer = "config" | "invalid-yaml" | "rejected";

/** Checks parseConfig's answer to `text` and says which it was: a config, YAML it cannot read, or refusals. */
function checkAnswer(text: string): Answer {
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
  if (config !== undefined) return "config";
  return problems.some((p) => p.rule === "InvalidYaml") ? "invalid-yaml" : "rejected";
}

/** Counts each answer `check` gives, so a test can require the ones its generator must reach. */
function tally<T>(check: (value: T) => Answer) {
  const seen: Record<Answer, number> = { config: 0, "invalid-yaml": 0, rejected: 0 };
  return { seen, check: (value: T) => void seen[check(value)]++ };
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
const anyShape = fc.record(
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
/** Every field plausible, so a good share are sound configs (the rest fail a rule: "alias/", "Hangzhou", 0d). */
const plausible = fc.record(
  {
    version: fc.constant(1),
    provider: fc.record({ alibaba: fc.record({ region }) }),
    keys: fc.uniqueArray(
      fc.record({
        key: fc.constantFrom("alias/orders-db", "alias/payments", "alias/a/", "key-1", "alias/logs"),
        rotation: fc.oneof(
          fc.record({
            mode: fc.constantFrom("automatic", "manual"),
            interval: interval.filter((i) => /^\d/.test(i)),
          }),
          fc.constant({ mode: "off" }),
        ),
      }),
      { minLength: 1, maxLength: 4, selector: (k) => k.key },
    ),
  },
  { requiredKeys: ["version", "keys"] },
);
const config = fc.oneof(plausible, anyShape);

describe("parseConfig never crashes", () => {
  it("on random text", () => {
    const t = tally(checkAnswer);
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 300 }), t.check), { numRuns: 500 });
    // Bytes are rarely YAML that fails to parse (the token soup below reaches that); mostly text refused.
    expect(t.seen.rejected).toBeGreaterThan(0);
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
    const t = tally(checkAnswer);
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 40 }).map((t) => t.join("")),
        t.check,
      ),
      { numRuns: 1000 },
    );
    expect(t.seen["invalid-yaml"], "YAML it cannot read").toBeGreaterThan(0);
    expect(t.seen.rejected, "YAML the schema or the rules refuse").toBeGreaterThan(0);
  });

  it("on random config-shaped values, serialised as YAML", () => {
    const t = tally((value: unknown) => checkAnswer(stringify(value)));
    fc.assert(fc.property(config, t.check), { numRuns: 1000 });
    expect(t.seen.config, "sound configs").toBeGreaterThan(0);
    expect(t.seen.rejected, "configs refused").toBeGreaterThan(0);
  });

  it("on random config-shaped values in flow style", () => {
    const t = tally((value: unknown) => checkAnswer(stringify(value, { collectionStyle: "flow" })));
    fc.assert(fc.property(config, t.check), { numRuns: 300 });
    expect(t.seen.config, "sound configs").toBeGreaterThan(0);
    expect(t.seen.rejected, "configs refused").toBeGreaterThan(0);
  });
});
