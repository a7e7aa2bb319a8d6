// Entry point: parse argv, hand off to the command, and print what it has to say (diagnostics) in one
// place, as one line each; a wrong command or option gets "did you mean" and where help is.

import { setMaxListeners } from "node:events";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import type { Diagnostic } from "../model/index.js";
import { renderDiagnostics } from "../render/index.js";
import type { ParsedArgs } from "./args.js";
import { COMMANDS, type CommandSpec, findCommand } from "./commands.js";
import { renderCommandHelp, renderMainHelp } from "./help.js";
import { type Io, processIo, terminalWidth, useColour } from "./io.js";
import type { Outcome } from "./outcome.js";
import { suggestion } from "./suggest.js";
import { UsageError } from "./usage-error.js";

const version: string = createRequire(import.meta.url)("../../package.json").version;

export async function main(argv: readonly string[], io?: Io): Promise<number> {
  const controller = new AbortController();
  // Calls in flight in every (account, region) unit listen on it at once and let go when done: not a leak.
  setMaxListeners(0, controller.signal);
  // The first signal stops the work gracefully (writes in flight finish, a summary is printed); a
  // second one means now.
  const stop = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error("interrupted"));
  };
  if (!io) {
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  }
  const streams = io ?? processIo(controller.signal);
  try {
    // Warnings met on the way (config hints, an exposed emulator) are printed when met: a long run
    // or a server should not keep them to the end.
    const warn = (warning: Diagnostic) => printDiagnostics([warning], streams);
    const outcome = await dispatch(argv, { ...streams, warn });
    printDiagnostics(outcome.diagnostics, streams);
    return outcome.exitCode;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/** The one place diagnostics reach the terminal: stderr, coloured and wrapped as stderr allows. */
function printDiagnostics(diagnostics: readonly Diagnostic[], io: Io): void {
  if (diagnostics.length === 0) return;
  const width = terminalWidth(io, "stderr");
  io.stderr.write(
    renderDiagnostics(diagnostics, { colour: useColour(io, "stderr"), ...(width ? { width } : {}) }),
  );
}

async function dispatch(argv: readonly string[], io: Io): Promise<Outcome> {
  const [name, ...rest] = argv;
  const width = terminalWidth(io);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic ? findCommand(topic) : undefined;
    io.stdout.write(command ? renderCommandHelp(command, width) : renderMainHelp(version, width));
    return { exitCode: name === undefined ? 1 : 0, diagnostics: [] };
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${version}\n`);
    return { exitCode: 0, diagnostics: [] };
  }
  const command = findCommand(name);
  if (!command) {
    const known = COMMANDS.map((c) => c.name);
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    return usage(`${what}${suggestion(name, name.startsWith("-") ? ["--help", "--version"] : known)}`, "");
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(renderCommandHelp(command, width));
    return { exitCode: 0, diagnostics: [] };
  }
  try {
    const parsed = parse(command, rest);
    const module = await command.load();
    return await module.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message, command.name);
    throw error;
  }
}

function usage(message: string, command: string): Outcome {
  const help = `kms-rotation ${command ? `${command} ` : ""}--help`;
  return {
    exitCode: 1,
    diagnostics: [{ severity: "error", code: "usage", message: `${message}; see \`${help}\`` }],
  };
}

/** argv checked against the command's options: unknown ones named with the nearest known one. */
function parse(command: CommandSpec, args: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([key, { help: _h, arg: _a, ...spec }]) => [key, spec]),
  );
  const given = withNegativeValues(args, command);
  const { tokens } = parseArgs({
    args: given,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const known = Object.keys(command.options);
  const seen = new Set<string>();
  for (const token of tokens ?? []) {
    if (token.kind !== "option") continue;
    const spec = command.options[token.name];
    if (spec === undefined) {
      const near = suggestion(token.name, known).replace(/did you mean (\S+)\?$/, "did you mean --$1?");
      throw new UsageError(`unknown option ${token.rawName} for ${command.name}${near}`);
    }
    // parseArgs keeps the last of a repeated option: refuse it rather than silently drop the first.
    if (spec.type === "string" && !spec.multiple && seen.has(token.name)) {
      throw new UsageError(`--${token.name} is given more than once; give it once`);
    }
    seen.add(token.name);
  }
  try {
    return parseArgs({ args: given, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error, command));
  }
}

/**
 * `--qps -1` as `--qps=-1`: parseArgs takes a value starting with a dash for a missing one, so the user
 * heard "needs a value" instead of what is wrong with -1. A dash and a digit is never one of our options.
 */
function withNegativeValues(args: readonly string[], command: CommandSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") return [...out, ...args.slice(i)];
    const next = args[i + 1];
    const name = /^--([a-z-]+)$/.exec(arg)?.[1];
    if (name && command.options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** Node's parseArgs messages, in our words and without its unbalanced quotes. */
function parseArgsMessage(error: unknown, command: CommandSpec): string {
  const message = error instanceof Error ? error.message : String(error);
  const name = /'(?:--)?([a-z-]+)/.exec(message)?.[1] ?? "";
  const spec = command.options[name];
  if (spec?.type === "string") return `--${name} needs a value${spec.arg ? ` (${spec.arg})` : ""}`;
  if (spec?.type === "boolean") return `--${name} takes no value`;
  return message.replace(/[\p{Cc}]/gu, " ");
}
