import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foreignKey } from "../../src/plan/index.js";
import { ownerMismatchError } from "../../src/words/problem-text.js";

const account = fc.stringMatching(/^[0-9]{16}$/);
const region = fc.constantFrom("cn-hangzhou", "cn-shanghai", "ap-southeast-1");

describe("foreignKey", () => {
  it("names a key as foreign exactly when its ARN's account or region is not the declared one", () => {
    fc.assert(
      fc.property(
        account,
        region,
        account,
        region,
        (declaredAccount, declaredRegion, arnAccount, arnRegion) => {
          const arn = `acs:kms:${arnRegion}:${arnAccount}:key/key-1`;
          const found = foreignKey({ account: declaredAccount, region: declaredRegion }, { arn });
          const expected =
            arnAccount !== declaredAccount
              ? "AccountMismatch"
              : arnRegion !== declaredRegion
                ? "RegionMismatch"
                : undefined;
          expect(found?.code).toBe(expected);
          if (expected === "AccountMismatch") {
            const message = found && ownerMismatchError(found).message;
            expect(message).toContain(declaredAccount);
            expect(message).toContain(arnAccount);
          }
        },
      ),
    );
  });

  it("a key declared with no account is checked for its region only", () => {
    const arn = "acs:kms:cn-hangzhou:1111111111111111:key/key-1";
    expect(foreignKey({ region: "cn-hangzhou" }, { arn })).toBeUndefined();
    expect(foreignKey({ region: "cn-hangzhou" }, { arn: "" })).toBeUndefined();
  });
});
