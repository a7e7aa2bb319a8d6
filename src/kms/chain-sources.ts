// Where the standard credential chain (@alicloud/credentials) looks, in its order, said in words for the
// error when none of them has a key. The SDK's own text lists each provider's internal failure (and an
// unset credentials URI as "https://undefined/"), which tells a user less than where to put a key.

import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { credentialsFilePath, profileProblem } from "./profile-file.js";

export function chainSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = homedir();
  const sources = ["the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)"];
  if (env.ALIBABA_CLOUD_ROLE_ARN && env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN) {
    sources.push("the OIDC role (ALIBABA_CLOUD_ROLE_ARN)");
  }
  if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED !== "true") {
    sources.push(`the aliyun CLI config (${join(home, ".aliyun", "config.json")})`);
  }
  sources.push(credentialsFileSource(env));
  if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED !== "true") sources.push("the instance's RAM role");
  if (env.ALIBABA_CLOUD_CREDENTIALS_URI) sources.push("the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)");
  return sources;
}

/**
 * The credentials file, with what is wrong with it when that is why it gave nothing: missing, or without
 * the profile ALIBABA_CLOUD_PROFILE names.
 */
function credentialsFileSource(env: NodeJS.ProcessEnv): string {
  const file = credentialsFilePath(env);
  const profile = env.ALIBABA_CLOUD_PROFILE || "default";
  const named = env.ALIBABA_CLOUD_PROFILE ? ` (ALIBABA_CLOUD_PROFILE)` : "";
  if (!existsSync(file)) return `the credentials file (${file}, which does not exist)`;
  const problem = profileProblem(profile, "", file);
  if (problem.includes("has no such profile")) {
    return `the credentials file (${file}, which has no profile "${profile}"${named}${problem.slice(problem.indexOf(";"))})`;
  }
  return `the credentials file (${file}, profile "${profile}"${named})`;
}

/** "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
