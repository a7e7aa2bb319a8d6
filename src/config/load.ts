// Reads a config file from disk and parses it; a file that cannot be read is a problem, not a throw.
// The size is bounded before anything is parsed: a huge file is refused in one line without reading more
// than the limit, and a FIFO or device (/dev/zero, a pipe with no writer) is refused without waiting on it.

import { type BoundedFile, readRegularFile } from "../support/regular-file.js";
import { fileErrorWords } from "../words/file-words.js";
import { type ConfigResult, type ParseOptions, parseConfig, resolveConfigPath } from "./parse.js";

/** Far beyond any real fleet (100,000 keys take about 8.5 MB), far below what would exhaust memory. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * Reads and checks a config file (YAML, schema, rules); every problem comes back as
 * `file:line:column` data, nothing is thrown for a bad file.
 *
 * @example
 * ```ts
 * const { config, problems } = await loadConfig("kms/rotation.yaml");
 * if (!config) for (const p of problems) console.error(formatProblem(p));
 * ```
 */
export async function loadConfig(file: string, options: ParseOptions = {}): Promise<ConfigResult> {
  let read: BoundedFile;
  try {
    read = await readRegularFile(resolveConfigPath(file, options), MAX_CONFIG_BYTES);
  } catch (error) {
    return {
      problems: [{ rule: "UnreadableFile", message: `cannot read ${file}: ${fileErrorWords(error)}` }],
    };
  }
  if ("tooLarge" in read) {
    const size = `${mebibytes(read.tooLarge)} MiB`;
    return {
      problems: [
        {
          rule: "UnreadableFile",
          message: `cannot read ${file}: it is ${size}, over the 16 MiB a config file may be`,
        },
      ],
    };
  }
  return parseConfig(read.text, file, options);
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
