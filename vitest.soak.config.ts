// `npm run test:soak`: the issue-size fleet runs (hundreds of keys, repeated fault runs) that are too
// long for `npm test`, which runs only test/**/*.test.ts.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/soak/**/*.soak.ts"],
      testTimeout: 900_000,
      hookTimeout: 60_000,
      fileParallelism: false,
    },
  }),
);
