// The second half of `npm test`: files that assert how many requests a quota-limited emulator received
// (`*.paced.test.ts`), one file at a time with nothing else running, so a busy machine cannot bunch
// requests into one second of the emulator's window.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// Not mergeConfig: it would concatenate `include` with the base's and run the whole suite too.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["test/**/*.paced.test.ts"],
    exclude: ["**/node_modules/**"],
    fileParallelism: false,
  },
});
