// The CLI's only doors to the outside: streams, environment, TTY-ness. Tests pass their own.

import type { Diagnostic } from "../model/diagnostic.js";

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, when it is one. */
  readonly columns?: number;
}

export interface Io {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Where a command sends warnings it meets on the way; main() prints them (stderr) as they come. */
  readonly warn?: (warning: Diagnostic) => void;
  /** Aborted on SIGINT/SIGTERM so long operations stop between KMS calls. */
  readonly signal: AbortSignal;
}

export function processIo(signal: AbortSignal): Io {
  // A reader that goes away (`| head`) is not an error worth a stack trace: stop writing quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal,
  };
}

/**
 * Colour as the ecosystem decides it (Node's own getColorDepth, chalk): FORCE_COLOR wins (0 or false
 * turns colour off, anything else on), then NO_COLOR (set and not empty) and TERM=dumb turn it off,
 * else colour exactly when the stream is a terminal.
 */
export function useColour(io: Io, stream: "stdout" | "stderr" = "stdout"): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.TERM === "dumb") return false;
  return Boolean(io[stream].isTTY);
}

/** Whether a line redrawn in place (the status line) can be shown: a terminal that understands it. */
export function canRedraw(io: Io): boolean {
  return Boolean(io.stderr.isTTY) && io.env.TERM !== "dumb";
}

/** Width to wrap people's output at: the terminal's columns, else COLUMNS, else none (no wrapping). */
export function terminalWidth(io: Io, stream: "stdout" | "stderr" = "stdout"): number | undefined {
  const columns = io[stream].isTTY ? io[stream].columns : undefined;
  if (columns !== undefined && columns > 0) return columns;
  const env = Number(io.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}
