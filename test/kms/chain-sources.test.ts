// Where the credential chain looked, in words, for the error when it found nothing: the credentials
// file says why it gave nothing (missing, or without the profile ALIBABA_CLOUD_PROFILE names).

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainSources, listed } from "../../src/kms/chain-sources.js";
import { tempDir } from "../helpers/fleet.js";

const env = (more: Record<string, string>) => ({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true", ...more });

describe("chainSources", () => {
  it("names a profile the credentials file lacks, and the ones it has", () => {
    const file = join(tempDir(), "credentials");
    writeFileSync(file, "[default]\ntype = access_key\n[prod]\ntype = access_key\n");
    const sources = chainSources(
      env({ ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: "nope" }),
    );
    expect(sources).toContain(
      `the credentials file (${file}, which has no profile "nope" (ALIBABA_CLOUD_PROFILE); it has "default", "prod")`,
    );
    expect(sources.some((s) => s.includes("RAM role"))).toBe(false);
  });

  it("says a credentials file does not exist, and names the profile of one that does", () => {
    const missing = join(tempDir(), "none");
    expect(chainSources(env({ ALIBABA_CLOUD_CREDENTIALS_FILE: missing }))).toContain(
      `the credentials file (${missing}, which does not exist)`,
    );
    const file = join(tempDir(), "credentials");
    writeFileSync(file, "[default]\ntype = access_key\n");
    expect(chainSources(env({ ALIBABA_CLOUD_CREDENTIALS_FILE: file }))).toContain(
      `the credentials file (${file}, profile "default")`,
    );
  });

  it("lists in words", () => {
    expect(listed(["a"])).toBe("a");
    expect(listed(["a", "b", "c"])).toBe("a, b and c");
  });
});
