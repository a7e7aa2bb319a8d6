// A progress line on stderr, only on a TTY, redrawn in place; silent everywhere else.

import { renderProgress } from "../render/index.js";
import type { Io } from "./io.js";

export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

const SILENT: Progress = { update: () => {}, done: () => {} };
/** Small runs finish before a bar would help. */
const MIN_KEYS = 20;

export function progress(io: Io, label: string): Progress {
  if (!io.stderr.isTTY) return SILENT;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (total < MIN_KEYS || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      io.stderr.write(`\r${renderProgress(done, total, label, 30)}`);
    },
    done() {
      if (shown) io.stderr.write("\r\x1b[2K");
    },
  };
}
