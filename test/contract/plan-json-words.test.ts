// A plan's reasons and warnings are data when planned, and the file's words when read back: writing
// and reading a plan keeps every sentence.

import { describe, expect, it } from "vitest";
import { planFromJson, planToJson } from "../../src/contract/plan-json.js";
import { DAY } from "../../src/model/index.js";
import { reasonText, warningText } from "../../src/words/problem-text.js";

describe("a plan written and read back", () => {
  it("keeps every reason's and warning's words, now as the file's record", () => {
    const plan = planFromJson({
      formatVersion: 1,
      now: "2026-11-23T00:00:00Z",
      summary: { changes: 0, blocked: 1, unchanged: 0 },
      keys: [],
    });
    const key = {
      key: "alias/k",
      region: "cn-hangzhou",
      after: { mode: "automatic", interval: 400 * DAY } as const,
      action: {
        kind: "blocked",
        reason: {
          code: "AutomaticRotationUnsupported",
          interval: 400 * DAY,
          min: 7 * DAY,
          max: 365 * DAY,
          scope: "instance",
        },
      } as const,
      warnings: [{ code: "RotationSuspended", state: "Disabled" }] as const,
    };
    const json = planToJson({ ...plan, keys: [key] });
    const back = planFromJson(JSON.parse(JSON.stringify(json)));
    expect(back.keys[0]?.action).toEqual({
      kind: "blocked",
      reason: { code: "AutomaticRotationUnsupported", message: reasonText(key.action.reason) },
    });
    expect(back.keys[0]?.warnings).toEqual([{ message: warningText(key.warnings[0]) }]);
    expect(planToJson(back)).toEqual(json);
  });
});
