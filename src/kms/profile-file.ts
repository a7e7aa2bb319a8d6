// Words for where credentials came from and why a profile gave none. The SDK names its sources in its
// own terms (`profile/static_ak`, `default/env`) and a missing profile as `Can not find credential
// type for "x"`; people need the file and the profile, in words.

import { homedir } from "node:os";
import { join } from "node:path";
import { readRegularFileSync } from "../support/regular-file.js";

/** The standard credentials file, where the SDK's profile provider looks for it. */
export function credentialsFilePath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.ALIBABA_CLOUD_CREDENTIALS_FILE || join(homedir(), ".alibabacloud", "credentials");
}

/** `profile "team-a" of the credentials file /home/u/.alibabacloud/credentials`. */
export function profileLabel(profile: string, file = credentialsFilePath()): string {
  return `profile "${profile}" of the credentials file ${file}`;
}

/** Why a profile yielded no credentials, in words naming the file; the SDK's text when it says more. */
export function profileProblem(profile: string, sdkDetail: string, file = credentialsFilePath()): string {
  if (/ENOENT|no such file/i.test(sdkDetail)) {
    return `the credentials file ${file} does not exist (set ALIBABA_CLOUD_CREDENTIALS_FILE to use another)`;
  }
  const names = profilesIn(file);
  if (names !== undefined && !names.includes(profile)) {
    const has = names.length > 0 ? `; it has ${names.map((n) => `"${n}"`).join(", ")}` : "; it has none";
    return `the credentials file ${file} has no such profile${has}`;
  }
  if (/Can not find credential type/i.test(sdkDetail)) {
    return `profile "${profile}" in ${file} has no "type" (access_key, sts, ram_role_arn, ...)`;
  }
  return sdkDetail;
}

/** Section names of an INI file, or undefined when it cannot be read; odd names are left out (printable). */
function profilesIn(file: string): string[] | undefined {
  let text: string;
  try {
    // Never waits on a FIFO or reads a huge file whole: such a file lists no profiles we can name.
    const read = readRegularFileSync(file, 1024 * 1024);
    if (!("text" in read)) return undefined;
    text = read.text;
  } catch {
    return undefined;
  }
  const names = [...text.matchAll(/^\s*\[([^\]\r\n]+)\]\s*$/gm)].map((m) => (m[1] ?? "").trim());
  return names.filter((n) => /^[\w.@-]{1,64}$/.test(n)).slice(0, 20);
}

const SDK_SOURCES: Record<string, string> = {
  env: "the environment (ALIBABA_CLOUD_ACCESS_KEY_ID)",
  cli_profile: "the aliyun CLI's config (~/.aliyun/config.json)",
  ecs_ram_role: "the ECS instance's RAM role",
  oidc_role_arn: "OIDC (ALIBABA_CLOUD_ROLE_ARN)",
  static_ak: "an access key given in code",
  static_sts: "an STS token given in code",
};

/**
 * The SDK's name for a credential source in words: `default/profile/static_ak` becomes the credentials
 * file and its profile. Names already in words (ours) are kept.
 */
export function sourceInWords(providerName: string, env = process.env): string {
  const parts = providerName.replace(/^default\//, "").split("/");
  const [first = "", ...rest] = parts;
  if (first === "profile")
    return profileLabel(env.ALIBABA_CLOUD_PROFILE || "default", credentialsFilePath(env));
  if (first === "ram_role_arn") return `a RAM role assumed with ${sourceInWords(rest.join("/") || "?", env)}`;
  return SDK_SOURCES[first] ?? providerName;
}
