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
  const { args, noColour } = globalFlags(argv);
  const given = io ?? processIo(controller.signal);
  const streams = noColour ? withoutColour(given) : given;
  try {
    // Warnings met on the way (config hints, an exposed emulator) are printed when met: a long run
    // or a server should not keep them to the end.
    const warn = (warning: Diagnostic) => printDiagnostics([warning], streams);
    const outcome = await dispatch(args, { ...streams, warn });
    printDiagnostics(outcome.diagnostics, streams);
    return outcome.exitCode;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

/**
 * `--no-color` anywhere before `--`, for every command (as git, npm and Terraform's `-no-color`): an
 * explicit flag of this run, so it wins over FORCE_COLOR in the environment.
 */
function globalFlags(argv: readonly string[]): { args: string[]; noColour: boolean } {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  const args = flags.filter((arg) => arg !== NO_COLOR_FLAG);
  return {
    args: end === -1 ? args : [...args, ...argv.slice(end)],
    noColour: args.length < flags.length,
  };
}

const NO_COLOR_FLAG = "--no-color";

function withoutColour(io: Io): Io {
  return { ...io, env: { ...io.env, NO_COLOR: "1", FORCE_COLOR: undefined } };
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
  // As npm, Terraform and most CLIs: -v, --version and `version` (and -V, as commander has it).
  if (name === "--version" || name === "-V" || name === "-v" || name === "version") {
    io.stdout.write(`${version}\n`);
    return { exitCode: 0, diagnostics: [] };
  }
  const command = findCommand(name);
  if (!command) {
    const known = COMMANDS.map((c) => c.name);
    const options = ["--help", "--version", NO_COLOR_FLAG];
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    return usage(`${what}${suggestion(name, name.startsWith("-") ? options : known)}`, "");
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
  const known = [...Object.keys(command.options), NO_COLOR_FLAG.slice(2)];
  for (const token of tokens ?? []) {
    if (token.kind !== "option") continue;
    if (command.options[token.name] !== undefined) continue;
    // `-out x.json` is named as typed, not as parseArgs's bundle of short options (`-o`).
    const typed = singleDashLong(given[token.index] as string) ?? token.rawName;
    const near = suggestion(typed.replace(/^-+/, ""), known).replace(
      /did you mean (\S+)\?$/,
      "did you mean --$1?",
    );
    throw new UsageError(`unknown option ${typed} for ${command.name}${near}`);
  }
  // A single-value option given twice: the last one wins (CONTRACT section 2), as parseArgs keeps it,
  // so a wrapper's default followed by its caller's choice does what the caller said.
  try {
    const parsed = parseArgs({ args: given, options, allowPositionals: true, strict: true, tokens: true });
    const order = parsed.tokens.flatMap((t) => (t.kind === "option" ? [t.name] : []));
    return { positionals: parsed.positionals, values: parsed.values, order };
  } catch (error) {
    throw new UsageError(parseArgsMessage(error, command));
  }
}

/**
 * `-out plan.json`, Terraform's spelling of a long option, as typed (`-out`), so the refusal names it and
 * suggests `--out`. Refused, not accepted: a single dash starts a bundle of short options (`-h`), and
 * what `-out` means must not change the day a short `-o` exists; one line says the right spelling.
 */
function singleDashLong(arg: string): string | undefined {
  return /^(-[a-z][a-z-]+)(=.*)?$/s.exec(arg)?.[1];
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
