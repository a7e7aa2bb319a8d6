// A role's temporary credentials: asked for once, kept while valid, renewed before they expire and
// when they have expired, through the emulator's STS over plain http.

import { afterEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { roleSource } from "../../src/kms/assume-role.js";
import type { CredentialSource } from "../../src/kms/credentials.js";
import { callCount, start } from "./helpers.js";

const ACCOUNT = "2222222222222222";
const ROLE = `acs:ram::${ACCOUNT}:role/kms-rotation`;
const base: CredentialSource = {
  getCredential: async () => ({
    accessKeyId: "ak-b",
    accessKeySecret: "sk-b",
    type: "access_key",
    providerName: "test",
  }),
};

let emu: RunningEmulator;
afterEach(async () => {
  await emu?.close();
});

describe("roleSource", () => {
  it("assumes the role once, then renews when the credentials near their end or have expired", async () => {
    emu = await start({ accountId: ACCOUNT, roles: [ROLE], accessKeyId: "ak-b", accessKeySecret: "sk-b" });
    let now = Date.now();
    const source = roleSource({
      account: ACCOUNT,
      roleArn: ROLE,
      stsEndpoint: emu.url,
      base,
      now: () => now,
    });
    const first = await source.getCredential();
    expect(first).toMatchObject({ type: "sts", accessKeyId: expect.stringMatching(/^STS\./) });
    expect(await Promise.all([source.getCredential(), source.getCredential()])).toEqual([first, first]);
    expect(await callCount(emu, "AssumeRole")).toBe(1);
    now += 56 * 60_000; // inside the last five minutes of the hour: renewed, the old one still served meanwhile
    await source.getCredential();
    const renewed = await source.getCredential();
    expect(renewed.accessKeyId).not.toBe(first.accessKeyId);
    expect(await callCount(emu, "AssumeRole")).toBe(2);
    now += 2 * 3600_000; // long expired (a suspended laptop): a fresh one before any call is signed
    expect((await source.getCredential()).accessKeyId).not.toBe(renewed.accessKeyId);
    expect(await callCount(emu, "AssumeRole")).toBe(3);
  });

  it("a role that does not exist fails once, naming the account and the role", async () => {
    emu = await start({ accountId: ACCOUNT, roles: [ROLE], accessKeyId: "ak-b", accessKeySecret: "sk-b" });
    const wrong = `acs:ram::${ACCOUNT}:role/nope`;
    const source = roleSource({ account: ACCOUNT, roleArn: wrong, stsEndpoint: emu.url, base });
    for (let i = 0; i < 3; i++) {
      await expect(source.getCredential()).rejects.toThrow(
        `account ${ACCOUNT}: cannot assume role ${wrong}: EntityNotExist.Role: The role not exists: ${wrong}.`,
      );
    }
    expect(await callCount(emu, "AssumeRole")).toBe(1);
  });
});
