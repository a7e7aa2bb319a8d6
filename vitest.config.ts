import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The Pulumi provider imports its engine by package name (it runs serialised); tests use the source.
    alias: {
      "kms-rotation/pulumi/engine": fileURLToPath(new URL("./src/pulumi/engine.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Runs that count what a quota-limited emulator received (`*.paced.test.ts`) go alone afterwards
    // (vitest.paced.config.ts): beside other test files on two cores, event-loop stalls bunch requests
    // into one second of the emulator's window and the counts measure the machine's load, not the tool.
    exclude: ["**/node_modules/**", "test/**/*.paced.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: on two cores, one test file at a time, though a
    // CLI test spends most of its time waiting on the processes it starts. Two at a time there took the
    // whole suite from 432 s to 263 s on this project's 2-core CI machine, every test passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["test/global-temp.ts", "test/global-build.ts"],
  },
});
