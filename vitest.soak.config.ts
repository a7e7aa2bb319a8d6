// `npm run test:soak`: the issue-size fleet runs (hundreds of keys, repeated fault runs) that are too
// long for `npm test`, which runs only test/**/*.test.ts.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// Not mergeConfig: it would concatenate `include` with the base's and run the whole suite too.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/soak/**/*.soak.ts"],
    testTimeout: 900_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
