// The schema file itself: strict, documented for editors, and agreeing with the rules in code.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadConfigSchema } from "../../src/config/schema.js";
import { parseKeyRef, REGION } from "../../src/model/key-ref.js";

type Schema = Record<string, unknown>;
const schema = loadConfigSchema();
const defs = schema.$defs as Record<string, Schema>;

/** Every object schema, with the path it sits at, outside the if/then rules. */
function objectSchemas(node: unknown, path: string, out: [string, Schema][] = []): [string, Schema][] {
  if (node === null || typeof node !== "object" || path.endsWith("/allOf")) return out;
  const s = node as Schema;
  if (s.type === "object") out.push([path, s]);
  for (const [key, child] of Object.entries(s)) objectSchemas(child, `${path}/${key}`, out);
  return out;
}

describe("schemas/config.schema.json", () => {
  it("is draft 2020-12 with an $id", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toMatch(/config\.schema\.json$/);
  });

  it("allows no unknown fields anywhere, and describes every field", () => {
    const objects = objectSchemas(schema, "#");
    expect(objects.length).toBeGreaterThan(5);
    for (const [path, object] of objects) {
      expect(object.additionalProperties, path).not.toBe(undefined);
      expect(object.additionalProperties, path).not.toBe(true);
      for (const [name, property] of Object.entries((object.properties as Record<string, Schema>) ?? {})) {
        const described =
          property.description ?? defs[String(property.$ref).replace("#/$defs/", "")]?.description;
        expect(typeof described, `${path}/properties/${name}`).toBe("string");
      }
    }
  });

  it("its key pattern accepts exactly the names the rules accept", () => {
    const pattern = new RegExp(String(defs.keyRef?.pattern), "u");
    const names = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(..."alias/acs:km-_0aZ:/ ".split("")) }),
      fc
        .tuple(
          fc.constantFrom("alias/", "acs:kms:", "acs:kms:cn-hangzhou:", "acs:kms:cn-hangzhou:12:key/"),
          fc.string(),
        )
        .map(([a, b]) => a + b),
    );
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(names, (name) => {
        const accepted = "ref" in parseKeyRef(name);
        seen[accepted ? "accepted" : "refused"]++;
        expect(pattern.test(name), name).toBe(accepted);
      }),
      { numRuns: 5000 },
    );
    // Names on both sides of the rule were generated.
    expect(seen.accepted, "accepted").toBeGreaterThan(0);
    expect(seen.refused, "refused").toBeGreaterThan(0);
    for (const name of [
      "alias/a",
      `alias/${"a".repeat(255)}`,
      "alias/a/b:c_d-e",
      "key-1",
      "acs:kms:cn-hangzhou:1:key/k",
    ]) {
      expect(pattern.test(name), name).toBe(true);
    }
    for (const name of [
      "alias/",
      `alias/${"a".repeat(256)}`,
      "alias/a/",
      "-key",
      "acs:kms:cn-hangzhou:1:alias/a",
    ]) {
      expect(pattern.test(name), name).toBe(false);
    }
  });

  it("its region pattern is the one the ARN rules use", () => {
    expect(defs.region?.pattern).toBe(REGION.source);
  });
});
