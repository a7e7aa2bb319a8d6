// A captured Io for driving the CLI in-process: what it printed, with the TTY-ness a test chooses.

import { Readable } from "node:stream";
import type { Io } from "../../src/cli/io.js";

export interface CapturedIo extends Io {
  out(): string;
  err(): string;
}

export function captureIo(
  options: {
    cwd?: string;
    env?: Record<string, string>;
    tty?: boolean;
    input?: string;
    signal?: AbortSignal;
    /** The terminal's width, as a TTY reports it. */
    columns?: number;
  } = {},
): CapturedIo {
  let out = "";
  let err = "";
  const stdin = Readable.from(options.input === undefined ? [] : [options.input]) as Io["stdin"] & {
    isTTY?: boolean;
  };
  (stdin as { isTTY?: boolean }).isTTY = options.tty ?? false;
  return {
    stdout: { write: (t: string) => (out += t), isTTY: options.tty ?? false, columns: options.columns },
    stderr: { write: (t: string) => (err += t), isTTY: options.tty ?? false, columns: options.columns },
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
    out: () => out,
    err: () => err,
  };
}
