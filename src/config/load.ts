// Reads a config file from disk and parses it; a file that cannot be read is a problem, not a throw.

import { readFile } from "node:fs/promises";
import { type ConfigResult, type ParseOptions, parseConfig, resolveConfigPath } from "./parse.js";

export async function loadConfig(file: string, options: ParseOptions = {}): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(resolveConfigPath(file, options), "utf8");
  } catch (error) {
    return { problems: [{ message: `cannot read ${file}: ${reason(error)}` }] };
  }
  return parseConfig(text, file, options);
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
