// `kms-rotation emulator`: start the emulator with the flags checked (emulator-flags.ts), print where it
// listens, stop on a signal.

import { seedProblems } from "../../app/open-connection.js";
import type { EmulatorOptions } from "../../emulator/index.js";
import { isLoopbackEndpoint } from "../../kms/loopback.js";
import type { ParsedArgs } from "../args.js";
import { emulatorOptions } from "../emulator-flags.js";
import type { Io } from "../io.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { UsageError } from "../usage-error.js";

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const options = emulatorOptions(args.values, io.cwd);
  const { startEmulator } = await import("../../emulator/index.js");
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    const problems = seedProblems(error);
    if (problems) return failure("emulator", "invalid seed fleet", { details: problems });
    return failure("emulator", startFailure(error, options));
  }
  io.stdout.write(`listening on ${emulator.url}\n`);
  const exposed = exposureWarning(options);
  if (exposed) io.warn?.({ severity: "warning", code: "emulator", message: exposed });
  await aborted(io.signal);
  await emulator.close();
  return exit(0);
}

function startFailure(error: unknown, options: EmulatorOptions): string {
  const code = (error as NodeJS.ErrnoException).code;
  const where = `${options.host}:${options.port}`;
  if (code === "EADDRINUSE") return `cannot listen on ${where}: the address is already in use`;
  if (code === "EACCES") return `cannot listen on ${where}: permission denied`;
  if (code === "EADDRNOTAVAIL") return `cannot listen on ${where}: no such local address`;
  return error instanceof Error ? error.message : String(error);
}

/** Bound beyond loopback, anyone who can reach the port can call it: say so, loudest with default credentials. */
export function exposureWarning(options: EmulatorOptions): string | undefined {
  const host = options.host ?? "127.0.0.1";
  if (isLoopbackEndpoint(`http://${host.includes(":") ? `[${host}]` : host}`)) return undefined;
  const where = `listening on ${host}, beyond this machine's loopback: other machines that reach it can call it`;
  if (options.accessKeyId === undefined && options.accessKeySecret === undefined) {
    return `${where} with the default credentials local/local; set --access-key-id and --access-key-secret, or bind 127.0.0.1`;
  }
  return `${where}; it is a test double, not a secure service`;
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}
