// Where the standard credential chain (@alicloud/credentials) looks, in its order, said in words for the
// error when none of them has a key. The SDK's own text lists each provider's internal failure (and an
// unset credentials URI as "https://undefined/"), which tells a user less than where to put a key.

import { homedir } from "node:os";
import { join } from "node:path";

export function chainSources(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = homedir();
  const sources = ["the environment (ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)"];
  if (env.ALIBABA_CLOUD_ROLE_ARN && env.ALIBABA_CLOUD_OIDC_PROVIDER_ARN) {
    sources.push("the OIDC role (ALIBABA_CLOUD_ROLE_ARN)");
  }
  if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED !== "true") {
    sources.push(`the aliyun CLI config (${join(home, ".aliyun", "config.json")})`);
  }
  const file = env.ALIBABA_CLOUD_CREDENTIALS_FILE || join(home, ".alibabacloud", "credentials");
  sources.push(`the credentials file (${file})`);
  if (env.ALIBABA_CLOUD_ECS_METADATA_DISABLED !== "true") sources.push("the instance's RAM role");
  if (env.ALIBABA_CLOUD_CREDENTIALS_URI) sources.push("the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI)");
  return sources;
}

/** "a, b and c". */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
