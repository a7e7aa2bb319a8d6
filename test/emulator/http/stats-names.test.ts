// The emulator's stats count requests by action name, whatever became of them; a name that is not one
// (raw text from an unsigned request) is counted under one bucket, never echoed back as a key.

import { describe, expect, it } from "vitest";
import { emulator, stats } from "./harness.js";

describe("GET /__emulator/stats", () => {
  it("counts a malformed action under (malformed), not under its raw text", async () => {
    const kms = await emulator();
    for (const action of ["%ZZ", "<script>", "Describe Key", "x".repeat(200)]) {
      const res = await fetch(`${kms.url}/?Action=${action}&Version=2016-01-20`);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    await fetch(`${kms.url}/?Action=DescribeKey&Version=2016-01-20`);
    expect(await stats(kms)).toEqual({ "(malformed)": 4, DescribeKey: 1 });
  });
});
