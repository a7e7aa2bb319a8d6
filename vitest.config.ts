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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
