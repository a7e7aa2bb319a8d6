// The local files a run relies on, checked before any is used: the credentials file is refused when it is
// not a regular file or is huge (the SDK would block on a FIFO or read it whole), and, as ssh does, a
// credentials file or a local state directory that others can read or write is warned about.

import { lstatSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { credentialsFilePath } from "../kms/profile-file.js";
import type { ProviderConfig } from "../model/index.js";
import { checkRegularFile } from "../support/regular-file.js";

/** Far beyond any credentials file (a profile is a few lines), far below harm. */
const MAX_CREDENTIALS_BYTES = 1024 * 1024;

export interface LocalFileFindings {
  readonly problem?: string;
  readonly warnings: readonly string[];
}

export function localFileFindings(
  provider: ProviderConfig,
  remote: boolean,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): LocalFileFindings {
  const warnings: string[] = [];
  if (remote) {
    // Every other file the SDK's chain may read: refused before it reads one (a FIFO would block a
    // worker thread for good, and with it the process's exit, even on SIGTERM).
    for (const [what, other] of chainFiles(env)) {
      const seen = checkRegularFile(other, MAX_CREDENTIALS_BYTES);
      if (seen.kind === "refused") return { problem: `cannot use ${what} ${other}: ${seen.why}`, warnings };
    }
    const file = credentialsFilePath(env);
    const found = checkRegularFile(file, MAX_CREDENTIALS_BYTES);
    if (found.kind === "refused")
      return { problem: `cannot use the credentials file ${file}: ${found.why}`, warnings };
    if (found.kind === "ok" && (found.mode & 0o077) !== 0)
      warnings.push(
        `the credentials file ${file} can be read or written by others (mode ${octal(found.mode)}); ` +
          `make it yours alone: chmod 600 ${file}`,
      );
  }
  if (provider.kind === "local") {
    const dir = dirname(resolve(cwd, provider.state));
    const mode = modeOf(dir);
    if (mode !== undefined && (mode & 0o077) !== 0)
      warnings.push(
        `the local KMS state directory ${dir} can be read or written by others (mode ${octal(mode)}); ` +
          `make it yours alone: chmod 700 ${dir}`,
      );
  }
  return { warnings };
}

/** The chain's files besides the credentials file: the aliyun CLI's config and the OIDC token, when used. */
function chainFiles(env: Readonly<Record<string, string | undefined>>): [string, string][] {
  const files: [string, string][] = [];
  if (env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED !== "true")
    files.push(["the aliyun CLI's config", join(homedir(), ".aliyun", "config.json")]);
  const token = env.ALIBABA_CLOUD_OIDC_TOKEN_FILE;
  if (token) files.push(["the OIDC token file (ALIBABA_CLOUD_OIDC_TOKEN_FILE)", token]);
  return files;
}

function modeOf(path: string): number | undefined {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() ? stat.mode & 0o777 : undefined;
  } catch {
    return undefined;
  }
}

function octal(mode: number): string {
  return `0${mode.toString(8).padStart(3, "0")}`;
}
