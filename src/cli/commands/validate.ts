// `kms-rotation validate`: not built yet.

import type { ParsedArgs } from "../commands.js";
import type { Io } from "../io.js";

export async function run(_args: ParsedArgs, io: Io): Promise<number> {
  io.stderr.write("error: `validate` is not yet available in this version\n");
  return 1;
}
