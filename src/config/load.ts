// Reads a config file from disk and parses it; a file that cannot be read is a problem, not a throw.
// The size is bounded before anything is parsed: a huge or endless input (a 50 MB file, /dev/zero, a
// pipe that never ends) is refused in one line without reading more than the limit.

import { open } from "node:fs/promises";
import { fileErrorWords } from "../model/file-words.js";
import { type ConfigResult, type ParseOptions, parseConfig, resolveConfigPath } from "./parse.js";

/** Far beyond any real fleet (100,000 keys take about 8.5 MB), far below what would exhaust memory. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;

export async function loadConfig(file: string, options: ParseOptions = {}): Promise<ConfigResult> {
  let text: string | { readonly tooLarge: number | undefined };
  try {
    text = await readBounded(resolveConfigPath(file, options));
  } catch (error) {
    return {
      problems: [{ rule: "UnreadableFile", message: `cannot read ${file}: ${fileErrorWords(error)}` }],
    };
  }
  if (typeof text !== "string") {
    const size = text.tooLarge === undefined ? "more than 16 MiB" : `${mebibytes(text.tooLarge)} MiB`;
    return {
      problems: [
        {
          rule: "UnreadableFile",
          message: `cannot read ${file}: it is ${size}, over the 16 MiB a config file may be`,
        },
      ],
    };
  }
  return parseConfig(text, file, options);
}

/** The file's text, or its size (undefined when it has none, like a pipe) when over the limit. */
async function readBounded(path: string): Promise<string | { readonly tooLarge: number | undefined }> {
  const handle = await open(path, "r");
  try {
    const stat = await handle.stat();
    if (stat.isFile() && stat.size > MAX_CONFIG_BYTES) return { tooLarge: stat.size };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      // A file that grew since stat, or a special file: stop one chunk past the limit.
      if (total > MAX_CONFIG_BYTES) return { tooLarge: stat.isFile() ? total : undefined };
      chunks.push(bytesRead === CHUNK_BYTES ? chunk : chunk.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total).toString("utf8");
  } finally {
    await handle.close();
  }
}

function mebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
