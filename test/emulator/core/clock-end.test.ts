// The simulated clock stops at the last instant the service's dates can show (9999-12-31T23:59:59Z): real
// time does not carry it past, and a state file whose clock reached it opens again where it stopped.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SimulatedClock } from "../../../src/emulator/core/clock.js";
import { openService } from "../../../src/emulator/open-service.js";
import { simulateCrash, tempDir } from "./helpers.js";

const LAST = Date.parse("9999-12-31T23:59:59Z");

describe("the end of the simulated clock", () => {
  it("real time stops at the last instant", () => {
    let real = 0;
    const clock = new SimulatedClock(LAST - 2_000, () => real);
    real += 1_000;
    expect(clock.nowMs()).toBe(LAST - 1_000);
    real += 60_000;
    expect(clock.nowMs()).toBe(LAST);
    clock.set(LAST);
    real += 5;
    expect(new Date(clock.nowMs()).toISOString()).toBe("9999-12-31T23:59:59.000Z");
  });

  it("a state file whose clock is at or past it opens at the last instant", () => {
    const statePath = join(tempDir(), "state.json");
    const first = openService({ region: "cn-hangzhou", statePath, clock: new Date(LAST - 1_000) });
    first.close();
    // As a state file written while real time carried the clock past the end would read.
    const [snapshot, ...rest] = readFileSync(statePath, "utf8").split("\n");
    const parsed = JSON.parse(snapshot as string);
    parsed.clock = "+010000-01-01T00:00:07.801Z";
    delete parsed.clockMs;
    writeFileSync(statePath, [JSON.stringify(parsed), ...rest].join("\n"));
    simulateCrash(statePath);
    const again = openService({ region: "cn-hangzhou", statePath });
    expect(again.now().toISOString()).toBe("9999-12-31T23:59:59.000Z");
    again.close();
  });
});
