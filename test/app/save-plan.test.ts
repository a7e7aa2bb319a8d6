// The plan-save refusal is the library's: planConfig + savePlan refuses what `plan --out` refuses, and
// so does writePlanFile, the lower-level entry, so no caller can save a plan apply would refuse.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { planConfig, savePlan } from "../../src/app/index.js";
import { writePlanFile } from "../../src/index.js";
import { quickstartCopy } from "../helpers/built.js";

describe("savePlan", () => {
  it("writes a plan whose keys were all read, and refuses one naming a key twice", async () => {
    const config = quickstartCopy();
    const dir = dirname(config);
    const { plan, saved } = await planConfig(config, { cwd: dir });
    if (!plan || !saved) throw new Error("the quickstart did not plan");
    expect(await savePlan("plan.json", plan, saved, dir)).toBeUndefined();
    expect(existsSync(join(dir, "plan.json"))).toBe(true);

    const first = plan.keys[0];
    if (!first) throw new Error("an empty plan");
    const twice = { ...plan, keys: [...plan.keys, { ...first, key: "alias/again" }] };
    const refused = await savePlan("twice.json", twice, saved, dir);
    expect(refused?.code).toBe("plan-file");
    expect(refused?.message).toBe(
      "not saving the plan to twice.json: it names one key twice; declare each once:",
    );
    expect(existsSync(join(dir, "twice.json"))).toBe(false);
  });

  it("writePlanFile refuses them too: a key named twice, a key that could not be read", async () => {
    const config = quickstartCopy();
    const dir = dirname(config);
    const { plan, saved } = await planConfig(config, { cwd: dir });
    if (!plan || !saved) throw new Error("the quickstart did not plan");
    const [first, second] = plan.keys;
    if (!first || !second) throw new Error("a short plan");

    const twice = { ...plan, keys: [...plan.keys, { ...first, key: "alias/again" }] };
    expect(await writePlanFile("twice.json", twice, saved, dir)).toEqual({
      message: "not saving the plan to twice.json: it names one key twice; declare each once:",
      details: [`alias/again is ${first.key} again (${first.keyId} in ${first.region})`],
    });
    expect(existsSync(join(dir, "twice.json"))).toBe(false);

    const error = { code: "Throttling", message: "too many requests" };
    const unread = {
      ...plan,
      keys: [{ ...second, action: { kind: "error" as const, error } }, ...plan.keys.slice(2)],
      summary: { ...plan.summary, errors: 1 },
    };
    expect(await writePlanFile("unread.json", unread, saved, dir)).toEqual({
      message: "not saving the plan to unread.json: 1 of its keys could not be read",
    });
    expect(existsSync(join(dir, "unread.json"))).toBe(false);

    expect(await writePlanFile("plan.json", plan, saved, dir)).toBeUndefined();
    expect(existsSync(join(dir, "plan.json"))).toBe(true);
  });
});
