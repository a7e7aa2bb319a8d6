// `signing:` on a key: defaults, floors and the manual-only rule, each problem at file:line:column.

import { describe, expect, it } from "vitest";
import { configOf, problemsIn, yaml } from "./helpers.js";

const key = (...signing: string[]) =>
  yaml(
    "version: 1",
    "provider: { alibaba: { region: cn-hangzhou } }",
    "keys:",
    "  - key: alias/id-token-signer",
    "    rotation: { mode: manual, interval: 7d }",
    ...signing,
  );

describe("signing: in the config", () => {
  it("takes the defaults publishAhead 1d and verifyFor 7d, in seconds", () => {
    const config = configOf(key("    signing: {}"));
    expect(config.keys[0]?.signing).toEqual({ publishAhead: 86_400, verifyFor: 604_800 });
  });

  it("reads every field as declared", () => {
    const config = configOf(key("    signing: { publishAhead: 2d, verifyFor: 30d, algorithm: PS256 }"));
    expect(config.keys[0]?.signing).toEqual({
      publishAhead: 172_800,
      verifyFor: 2_592_000,
      algorithm: "PS256",
    });
  });

  it("refuses publishAhead shorter than 1h, at its position", () => {
    expect(problemsIn(key("    signing:", "      publishAhead: 30m"))).toEqual([
      "7:21 keys[0].signing.publishAhead: publishAhead 30m is too short: at least 1h",
    ]);
  });

  it("refuses publishAhead as long as the interval", () => {
    expect(problemsIn(key("    signing:", "      publishAhead: 168h"))).toEqual([
      "7:21 keys[0].signing.publishAhead: publishAhead 7d must be shorter than the rotation interval 7d",
    ]);
  });

  it("refuses verifyFor shorter than 1h", () => {
    expect(problemsIn(key("    signing:", "      verifyFor: 59m"))).toEqual([
      "7:18 keys[0].signing.verifyFor: verifyFor 59m is too short: at least 1h",
    ]);
  });

  it("refuses an algorithm JOSE does not name for a KMS key", () => {
    const problems = problemsIn(key("    signing:", "      algorithm: HS256"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^7:18 .*algorithm/);
  });

  it("refuses signing: on a key that is not manual", () => {
    const text = yaml(
      "version: 1",
      "provider: { alibaba: { region: cn-hangzhou } }",
      "keys:",
      "  - key: alias/orders-db",
      "    rotation: { mode: automatic, interval: 90d }",
      "    signing: { publishAhead: 1d }",
    );
    expect(problemsIn(text)).toEqual([
      "6:5 keys[0].signing: signing: needs mode manual (a new version by CreateKeyVersion); this key's rotation is automatic",
    ]);
  });

  it("refuses an unknown field under signing:", () => {
    const problems = problemsIn(key("    signing:", "      publishAheed: 1d"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^7:7 /);
  });
});
