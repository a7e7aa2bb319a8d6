// The CLI's only doors to the outside: streams, environment, TTY-ness. Tests pass their own.

export interface Io {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborted on SIGINT/SIGTERM so long operations stop between KMS calls. */
  readonly signal: AbortSignal;
}

export function processIo(signal: AbortSignal): Io {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal,
  };
}

/** Colour only on a TTY, never with NO_COLOR set. */
export function useColour(io: Io, stream: "stdout" | "stderr" = "stdout"): boolean {
  return Boolean(io[stream].isTTY) && !("NO_COLOR" in io.env && io.env.NO_COLOR !== "");
}
