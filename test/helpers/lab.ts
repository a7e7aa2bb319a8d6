// One fresh emulator and temp folder per test, closed after it: the set-up most CLI test files share.

import { afterEach, beforeEach } from "vitest";
import type { RunningEmulator } from "../../src/emulator/index.js";
import { emulator, seededEmulator, tempDir } from "./fleet.js";

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
