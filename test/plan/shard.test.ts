// Shards: the (account, region) units sorted by account then region, shard i taking units i, i+n, ...

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inShard, parseShard, shardUnits, type Unit, unitKey, unitsOf } from "../../src/plan/index.js";

const account = fc.option(fc.constantFrom("1111111111111111", "2222222222222222", "3333333333333333"), {
  nil: undefined,
});
const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1", "eu-central-1");
const key = fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), account, region });

describe("shards", () => {
  it("for every n, shards 1..n hold every key exactly once, in the keys' order", () => {
    // Shards left empty (more shards than units), and shards holding several units.
    const seen = { emptyShard: 0, severalUnits: 0 };
    fc.assert(
      fc.property(fc.array(key, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (keys, n) => {
        const shards = Array.from({ length: n }, (_, i) => inShard(keys, { index: i + 1, count: n }));
        const all = shards.flat();
        expect(all).toHaveLength(keys.length);
        expect(new Set(all).size).toBe(new Set(keys).size);
        if (shards.some((part) => part.length === 0)) seen.emptyShard++;
        if (shards.some((part) => new Set(part.map(unitKey)).size > 1)) seen.severalUnits++;
        for (const part of shards) expect(part).toEqual(keys.filter((k) => part.includes(k)));
        // A unit is never split between shards.
        const owner = new Map<string, number>();
        shards.forEach((part, i) => {
          for (const k of part) {
            expect(owner.get(unitKey(k)) ?? i).toBe(i);
            owner.set(unitKey(k), i);
          }
        });
      }),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("units sort by account (none first), then region; shard i takes units i, i+n, ...", () => {
    const keys: Unit[] = [
      { account: "2222222222222222", region: "cn-hangzhou" },
      { region: "cn-shanghai" },
      { account: "1111111111111111", region: "cn-shanghai" },
      { account: "1111111111111111", region: "cn-hangzhou" },
      { account: "2222222222222222", region: "cn-hangzhou" },
    ];
    expect(unitsOf(keys)).toEqual([
      { region: "cn-shanghai" },
      { account: "1111111111111111", region: "cn-hangzhou" },
      { account: "1111111111111111", region: "cn-shanghai" },
      { account: "2222222222222222", region: "cn-hangzhou" },
    ]);
    expect(shardUnits(unitsOf(keys), { index: 2, count: 3 })).toEqual([
      { account: "1111111111111111", region: "cn-hangzhou" },
    ]);
    expect(shardUnits(unitsOf(keys), { index: 1, count: 3 })).toEqual([
      { region: "cn-shanghai" },
      { account: "2222222222222222", region: "cn-hangzhou" },
    ]);
    expect(shardUnits(unitsOf(keys), { index: 5, count: 5 })).toEqual([]);
  });

  it("parses i/n and refuses 0/n, i>n and anything else with one line", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("0/4")).toEqual({
      error: "--shard: shards are numbered from 1, so 0/4 does not exist",
    });
    expect(parseShard("5/4")).toEqual({ error: "--shard: 5/4 does not exist: there are only 4 shards" });
    expect(parseShard("1/0")).toEqual({ error: '--shard: n must be from 1 to 10000 (got "1/0")' });
    for (const bad of ["", "2", "a/b", "1/2/3", "-1/2", "1.5/2", "2 /4x"]) {
      const parsed = parseShard(bad);
      expect(parsed).toHaveProperty("error");
      expect((parsed as { error: string }).error).not.toMatch(/\n/);
    }
  });
});
