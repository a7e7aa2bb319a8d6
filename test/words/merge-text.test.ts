// Reports that cannot be merged, or merge only in part: the merge says why as data, render/ in words.

import { describe, expect, it } from "vitest";
import type { AuditReport, Plan, ShardInfo } from "../../src/model/index.js";
import { mergeAuditReports, mergePlans } from "../../src/plan/index.js";
import { mergeConflictText, shardsMissingText } from "../../src/words/merge-text.js";

const NOW = "2026-11-23T00:00:00Z";
const summary = { changes: 0, blocked: 0, unchanged: 1, errors: 0 };
const key = (name: string) => ({
  key: name,
  region: "cn-hangzhou",
  keyId: `id-${name}`,
  action: { kind: "none" } as const,
  after: { mode: "off" } as const,
  warnings: [],
});
const plan = (names: string[], shard?: ShardInfo): Plan => ({
  formatVersion: 1,
  now: NOW,
  summary,
  keys: names.map(key),
  ...(shard ? { shard } : {}),
});
const shard = (index: number, count: number): ShardInfo => ({ index, count, units: [] });

function conflictOf(parts: { source: string; value: Plan }[]): string {
  const merged = mergePlans(parts);
  return "conflict" in merged ? mergeConflictText(merged.conflict) : "merged";
}

describe("merging reports", () => {
  it("names each reason it refuses", () => {
    expect(
      conflictOf([
        { source: "a.json", value: plan(["x"], shard(1, 2)) },
        { source: "b.json", value: plan(["y"]) },
      ]),
    ).toBe("some reports are shards (--shard) and some are not; merge the shards of one run");
    expect(
      conflictOf([
        { source: "a.json", value: plan(["x"], shard(1, 2)) },
        { source: "b.json", value: plan(["y"], shard(2, 3)) },
      ]),
    ).toBe("b.json is a shard of 3, not of 2");
    expect(
      conflictOf([
        { source: "a.json", value: plan(["x"], shard(1, 2)) },
        { source: "b.json", value: plan(["y"], shard(1, 2)) },
      ]),
    ).toBe("a.json and b.json are both shard 1/2");
    expect(
      conflictOf([
        { source: "a.json", value: plan(["x"]) },
        { source: "b.json", value: plan(["x"]) },
      ]),
    ).toBe("x (cn-hangzhou) is in both a.json and b.json; shards must not overlap");
  });

  it("refuses audits judged against different policies", () => {
    const audit = (maxInterval: number): AuditReport => ({
      formatVersion: 1,
      now: NOW,
      policy: { maxInterval, requireRotation: true, source: "config" },
      summary: { keys: 0, compliant: 0, nonCompliant: 0, exempt: 0, notApplicable: 0 },
      keys: [],
    });
    const merged = mergeAuditReports([
      { source: "a.json", value: audit(1) },
      { source: "b.json", value: audit(2) },
    ]);
    expect("conflict" in merged && mergeConflictText(merged.conflict)).toBe(
      "a.json and b.json were judged against different policies",
    );
  });

  it("merges a partial set of shards, saying which are missing", () => {
    const merged = mergePlans([
      { source: "a.json", value: plan(["x"], shard(1, 4)) },
      { source: "c.json", value: plan(["y"], shard(3, 4)) },
    ]);
    expect("warnings" in merged && merged.warnings.map(shardsMissingText)).toEqual([
      "shards 2/4, 4/4 missing: the merged report covers 2 of 4",
    ]);
  });
});
