// The forecast's horizon, decided in one place (horizonVerdict): after now, at most MAX_HORIZON ahead.
// forecastConfig refuses any other before reading a key, whether given as a span or as an instant.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastConfig } from "../../src/app/index.js";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { DAY } from "../../src/model/index.js";
import { DEFAULT_HORIZON, horizonVerdict, MAX_HORIZON } from "../../src/plan/index.js";
import { createKey, emulator, stats, T0, tempDir, writeConfig } from "../helpers/fleet.js";

let emu: RunningEmulator;
let config: string;

beforeAll(async () => {
  emu = await emulator({ region: "cn-hangzhou" });
  createKey(emu, { alias: "alias/orders-db", rotation: "90d" });
  config = writeConfig(
    tempDir(),
    "  - key: alias/orders-db\n    rotation: { mode: automatic, interval: 90d }\n",
  );
});
afterAll(async () => {
  await emu.close();
});

const run = (more: { horizon?: number; until?: Date }) =>
  forecastConfig(config, { endpoint: emu.url, now: T0, ...more });

describe("the forecast's horizon", () => {
  it("is judged by one verdict: after now, and at most 3660 days ahead", () => {
    expect(horizonVerdict(-1)).toBe("not-after-now");
    expect(horizonVerdict(0)).toBe("not-after-now");
    expect(horizonVerdict(1)).toBe("ok");
    expect(horizonVerdict(MAX_HORIZON)).toBe("ok");
    expect(horizonVerdict(MAX_HORIZON + 1)).toBe("too-far");
    expect(MAX_HORIZON).toBe(3660 * DAY);
  });

  it("refuses a horizon not after now or too far, as a span or an instant, before reading any key", async () => {
    const before = (await stats(emu)).DescribeKey ?? 0;
    const refusals = await Promise.all([
      run({ horizon: 0 }),
      run({ until: new Date(T0.getTime() - 1000) }),
      run({ horizon: MAX_HORIZON + 1 }),
      run({ until: new Date("2040-01-01T00:00:00Z") }),
    ]);
    expect(refusals.map((r) => [r.forecast, r.diagnostics.map((d) => `${d.code}: ${d.message}`)])).toEqual([
      [undefined, ["horizon: the horizon 2026-01-01T00:00:00Z must be after now (2026-01-01T00:00:00Z)"]],
      [undefined, ["horizon: the horizon 2025-12-31T23:59:59Z must be after now (2026-01-01T00:00:00Z)"]],
      [
        undefined,
        [
          "horizon: the horizon 2036-01-09T00:00:01Z must be at most 3660d ahead of now (2026-01-01T00:00:00Z)",
        ],
      ],
      [
        undefined,
        [
          "horizon: the horizon 2040-01-01T00:00:00Z must be at most 3660d ahead of now (2026-01-01T00:00:00Z)",
        ],
      ],
    ]);
    expect((await stats(emu)).DescribeKey ?? 0).toBe(before);
  });

  it("forecasts a year ahead by default, and up to the longest horizon", async () => {
    const year = await run({});
    expect(year.diagnostics).toEqual([]);
    expect(year.forecast?.until).toBe(
      new Date(T0.getTime() + DEFAULT_HORIZON * 1000).toISOString().replace(".000", ""),
    );
    expect(year.forecast?.rotations.length).toBe(4);
    const longest = await run({ horizon: MAX_HORIZON });
    expect(longest.diagnostics).toEqual([]);
    expect(longest.forecast?.rotations.length).toBe(40);
  });
});
