// Entry point: parse argv, hand off to the command, turn every user error into a message and an exit code.

import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { COMMANDS, findCommand } from "./commands.js";
import { renderCommandHelp, renderMainHelp } from "./help.js";
import { type Io, processIo } from "./io.js";
import { UsageError } from "./usage-error.js";

const version: string = createRequire(import.meta.url)("../../package.json").version;

export async function main(argv: readonly string[], io?: Io): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort(new Error("interrupted"));
  if (!io) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  try {
    return await dispatch(argv, io ?? processIo(controller.signal));
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : undefined;
    const command = topic ? findCommand(topic) : undefined;
    io.stdout.write(command ? renderCommandHelp(command) : renderMainHelp(version));
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) {
    io.stderr.write(
      `error: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}\n`,
    );
    return 1;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(renderCommandHelp(command));
    return 0;
  }
  try {
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, { help: _h, arg: _a, ...spec }]) => [key, spec]),
    );
    const parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
    const module = await command.load();
    return await module.run(parsed, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`error: ${(error as Error).message}\n\n${renderCommandHelp(command)}`);
      return 1;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
}
