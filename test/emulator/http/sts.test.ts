// The emulator as an account: STS AssumeRole on the same port, temporary credentials that its KMS (and
// every emulator of the same account) accepts until they expire, through both signature versions.

import { describe, expect, it } from "vitest";
import { control, emulator } from "./harness.js";
import { callAction, failure, openApiClient, type Signature } from "./sdk.js";

const ACCOUNT = "2222222222222222";
const ROLE = `acs:ram::${ACCOUNT}:role/kms-rotation`;
const OWN = { accessKeyId: "ak-b", accessKeySecret: "sk-b" };
const SIGNATURES: Signature[] = ["v3", "v1"];

function assume(port: number, signature: Signature, query: Record<string, string>, who = OWN) {
  const client = openApiClient({ port, ...who }, signature);
  return callAction(client, "AssumeRole", { version: "2015-04-01", query });
}

async function tokenFor(port: number, signature: Signature, duration?: string) {
  const { body } = await assume(port, signature, {
    RoleArn: ROLE,
    RoleSessionName: "kms-rotation",
    ...(duration ? { DurationSeconds: duration } : {}),
  });
  const c = body.Credentials as Record<string, string>;
  return {
    accessKeyId: c.AccessKeyId as string,
    accessKeySecret: c.AccessKeySecret as string,
    securityToken: c.SecurityToken as string,
    expiration: c.Expiration as string,
    body,
  };
}

describe.each(SIGNATURES)("STS AssumeRole, signature %s", (signature) => {
  it("issues temporary credentials that this account's emulators accept for KMS calls", async () => {
    const hangzhou = await emulator({ accountId: ACCOUNT, roles: [ROLE], ...OWN });
    const shanghai = await emulator({ region: "cn-shanghai", accountId: ACCOUNT, roles: [ROLE], ...OWN });
    const issued = await tokenFor(hangzhou.port, signature);
    expect(issued.accessKeyId).toMatch(/^STS\./);
    expect(issued.body.AssumedRoleUser).toEqual({
      Arn: `acs:ram::${ACCOUNT}:assumed-role/kms-rotation/kms-rotation`,
      AssumedRoleId: expect.stringMatching(/:kms-rotation$/),
    });
    const expires = Date.parse(issued.expiration);
    expect(expires - Date.now()).toBeGreaterThan(3500_000);
    for (const emu of [hangzhou, shanghai]) {
      const { body } = await callAction(
        openApiClient({ port: emu.port, ...issued }, signature),
        "CreateKey",
        {},
      );
      expect((body.KeyMetadata as { Arn: string; Creator: string }).Arn).toContain(`:${ACCOUNT}:key/`);
      expect((body.KeyMetadata as { Creator: string }).Creator).toBe(ACCOUNT);
    }
    const callers = (await control(shanghai, "stats")).body.callers;
    expect(callers).toEqual({ "access-key": 0, sts: 1 });
  });

  it("refuses a token without its SecurityToken, of another account, or expired", async () => {
    const emu = await emulator({ accountId: ACCOUNT, roles: [ROLE], ...OWN, maxSessionSeconds: 1 });
    const other = await emulator({
      accountId: "3333333333333333",
      roles: ["acs:ram::3333333333333333:role/kms-rotation"],
    });
    const issued = await tokenFor(emu.port, signature);
    const { securityToken: _dropped, ...bare } = issued;
    const missing = await failure(
      callAction(openApiClient({ port: emu.port, ...bare }, signature), "ListKeys"),
    );
    expect(missing.code).toBe("InvalidSecurityToken.Malformed");
    const foreign = await failure(
      callAction(openApiClient({ port: other.port, ...issued }, signature), "ListKeys"),
    );
    expect(foreign.code).toBe("InvalidSecurityToken.Malformed");
    await new Promise((resolve) => setTimeout(resolve, Date.parse(issued.expiration) - Date.now() + 50));
    const expired = await failure(
      callAction(openApiClient({ port: emu.port, ...issued }, signature), "ListKeys"),
    );
    expect(expired).toMatchObject({ code: "InvalidSecurityToken.Expired", status: 400 });
  });
});

describe("STS AssumeRole refusals", () => {
  it("an unknown role, a short session, temporary credentials as caller, a foreign key", async () => {
    const emu = await emulator({ accountId: ACCOUNT, roles: [ROLE], ...OWN });
    const ask = (query: Record<string, string>, who = OWN) => failure(assume(emu.port, "v3", query, who));
    expect(
      await ask({ RoleArn: `acs:ram::${ACCOUNT}:role/nope`, RoleSessionName: "kms-rotation" }),
    ).toMatchObject({
      code: "EntityNotExist.Role",
      status: 404,
    });
    expect(
      await ask({ RoleArn: ROLE, RoleSessionName: "kms-rotation", DurationSeconds: "899" }),
    ).toMatchObject({
      code: "InvalidParameter.DurationSeconds",
    });
    expect(await ask({ RoleArn: ROLE })).toMatchObject({ code: "MissingParameter" });
    expect(
      await ask({ RoleArn: ROLE, RoleSessionName: "x" }, { accessKeyId: "ak-b", accessKeySecret: "wrong" }),
    ).toMatchObject({
      code: "SignatureDoesNotMatch",
    });
    const issued = await tokenFor(emu.port, "v3");
    expect(await ask({ RoleArn: ROLE, RoleSessionName: "kms-rotation" }, issued)).toMatchObject({
      code: "InvalidAccessKeyId.NotFound",
    });
    const calls = (await control(emu, "stats")).body.calls as Record<string, number>;
    expect(calls.AssumeRole).toBe(6);
  });

  it("an emulator with no role does not speak STS", async () => {
    const emu = await emulator({ accountId: ACCOUNT, ...OWN });
    expect(
      await failure(assume(emu.port, "v3", { RoleArn: ROLE, RoleSessionName: "kms-rotation" })),
    ).toMatchObject({
      code: "InvalidVersion",
    });
  });
});

describe("emulator flags for an account", () => {
  it("--account-id, --role (of that account, repeatable) and --session-duration", async () => {
    const { emulatorOptions } = await import("../../../src/cli/emulator-flags.js");
    const values = {
      "account-id": ACCOUNT,
      role: [ROLE, `acs:ram::${ACCOUNT}:role/other`],
      "session-duration": "5",
    };
    expect(emulatorOptions(values, "/")).toMatchObject({
      accountId: ACCOUNT,
      roles: [ROLE, `acs:ram::${ACCOUNT}:role/other`],
      maxSessionSeconds: 5,
    });
    const refused = (v: Record<string, string | string[]>) => () => emulatorOptions(v, "/");
    expect(refused({ "account-id": "12" })).toThrow("--account-id must be a 16-digit account uid");
    expect(refused({ "account-id": ACCOUNT, role: ["acs:ram::3333333333333333:role/x"] })).toThrow(
      "is not a role of this emulator's account 2222222222222222",
    );
    expect(refused({ role: ["role/x"] })).toThrow("--role must be acs:ram::<uid>:role/<name>");
    expect(refused({ "session-duration": "0" })).toThrow("--session-duration must be a whole number");
  });
});
