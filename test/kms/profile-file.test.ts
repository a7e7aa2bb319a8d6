// The SDK's names for credential sources, and its word for a missing profile, said for people.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profileProblem, sourceInWords } from "../../src/kms/profile-file.js";
import { tempDir } from "../helpers/fleet.js";

describe("credential sources in words", () => {
  const env = { ALIBABA_CLOUD_CREDENTIALS_FILE: "/etc/kms/credentials", ALIBABA_CLOUD_PROFILE: "ci" };

  it.each([
    ["default/env", "the environment (ALIBABA_CLOUD_ACCESS_KEY_ID)"],
    ["default/profile/static_ak", 'profile "ci" of the credentials file /etc/kms/credentials'],
    ["default/oidc_role_arn", "OIDC (ALIBABA_CLOUD_ROLE_ARN)"],
    ["default/ecs_ram_role", "the ECS instance's RAM role"],
    ["ram_role_arn/env", "a RAM role assumed with the environment (ALIBABA_CLOUD_ACCESS_KEY_ID)"],
    [
      "the emulator's default (no credentials configured)",
      "the emulator's default (no credentials configured)",
    ],
  ])("%s is %s", (name, words) => {
    expect(sourceInWords(name, env)).toBe(words);
  });
});

describe("a profile that gives no credentials", () => {
  it("names the file and the profiles it has, or says the file is missing", () => {
    const file = join(tempDir(), "credentials");
    writeFileSync(file, "[default]\ntype = access_key\n[team-a]\ntype = access_key\n[bad]\n");
    expect(profileProblem("team-x", 'Can not find credential type for "team-x"', file)).toBe(
      `the credentials file ${file} has no such profile; it has "default", "team-a", "bad"`,
    );
    expect(profileProblem("bad", 'Can not find credential type for "bad"', file)).toBe(
      `profile "bad" in ${file} has no "type" (access_key, sts, ram_role_arn, ...)`,
    );
    expect(profileProblem("x", "ENOENT: no such file or directory", `${file}.gone`)).toBe(
      `the credentials file ${file}.gone does not exist (set ALIBABA_CLOUD_CREDENTIALS_FILE to use another)`,
    );
  });
});
