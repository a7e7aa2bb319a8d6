import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foreignKey } from "../../src/plan/index.js";
import { ownerMismatchError } from "../../src/words/problem-text.js";

const account = fc.stringMatching(/^[0-9]{16}$/);
const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1");

describe("foreignKey", () => {
  it("names a key as foreign exactly when its ARN's account or region is not the declared one", () => {
    // Two random accounts are never the same: the ARN's is the declared one unless another is drawn.
    const seen = { AccountMismatch: 0, RegionMismatch: 0, owned: 0 };
    fc.assert(
      fc.property(
        account,
        region,
        fc.option(account, { nil: undefined }),
        region,
        (declaredAccount, declaredRegion, otherAccount, arnRegion) => {
          const arnAccount = otherAccount ?? declaredAccount;
          const arn = `acs:kms:${arnRegion}:${arnAccount}:key/key-1`;
          const found = foreignKey({ account: declaredAccount, region: declaredRegion }, { arn });
          const expected =
            arnAccount !== declaredAccount
              ? "AccountMismatch"
              : arnRegion !== declaredRegion
                ? "RegionMismatch"
                : undefined;
          expect(found?.code).toBe(expected);
          seen[expected ?? "owned"]++;
          if (expected === "AccountMismatch") {
            const message = found && ownerMismatchError(found).message;
            expect(message).toContain(declaredAccount);
            expect(message).toContain(arnAccount);
          }
        },
      ),
    );
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("a key declared with no account is checked for its region only", () => {
    const arn = "acs:kms:cn-hangzhou:1111111111111111:key/key-1";
    expect(foreignKey({ region: "cn-hangzhou" }, { arn })).toBeUndefined();
    expect(foreignKey({ region: "cn-hangzhou" }, { arn: "" })).toBeUndefined();
  });
});
