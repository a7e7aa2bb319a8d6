// The config stage: a YAML file in, a checked Config (or every problem with its position) out.

export { configHints } from "./hints.js";
export { loadConfig } from "./load.js";
export {
  type ConfigResult,
  type ParseOptions,
  parseConfig,
  type ReadableConfig,
  sortProblems,
} from "./parse.js";
