// The plan-save refusal is the library's: planConfig + savePlan refuses what `plan --out` refuses.

import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { planConfig, savePlan } from "../../src/app/index.js";
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
});
