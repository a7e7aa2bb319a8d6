// One fresh emulator and temp folder per test, closed after it: the set-up most CLI test files share.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulator, seededEmulator, tempDir } from "./fleet.js";
import { type BlackHole, blackHole } from "./proxy.js";

export interface Lab {
  /** The test's emulator in cn-hangzhou at T0. */
  readonly emu: RunningEmulator;
  /** The test's own temp folder (the CLI's working directory). */
  readonly dir: string;
}

/** Registers the hooks; read `lab.emu` and `lab.dir` inside tests. `seed` is a fleet file's text. */
export function useLab(seed?: string): Lab {
  const lab = {} as { emu: RunningEmulator; dir: string };
  beforeEach(async () => {
    lab.dir = tempDir();
    lab.emu = seed === undefined ? await emulator() : await seededEmulator(lab.dir, seed);
  });
  afterEach(async () => {
    await lab.emu.close();
  });
  return lab;
}

/** A region whose endpoint accepts connections and never answers, for the whole file; `url` inside tests. */
export function useSilentEndpoint(): { readonly url: string } {
  let hole: BlackHole | undefined;
  beforeAll(async () => {
    hole = await blackHole();
  });
  afterAll(async () => {
    await hole?.close();
  });
  return {
    get url() {
      return (hole as BlackHole).url;
    },
  };
}

/** `kms.yaml` in the lab: cn-hangzhou is the lab's emulator, cn-shanghai the silent endpoint; `keys` YAML entries. */
export function twoRegionConfig(lab: Lab, silentUrl: string, keys: readonly string[]): string {
  const file = join(lab.dir, "kms.yaml");
  writeFileSync(
    file,
    [
      "version: 1",
      "provider:",
      "  alibaba:",
      "    region: cn-hangzhou",
      `    endpoints: { cn-hangzhou: "${lab.emu.url}", cn-shanghai: "${silentUrl}" }`,
      "keys:",
      ...keys,
      "",
    ].join("\n"),
  );
  return file;
}
