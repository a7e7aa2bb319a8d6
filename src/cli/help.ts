// Help text, generated from the command table so it cannot disagree with what is parsed.

import { wrapBlock, wrapLine } from "../render/wrap.js";
import { COMMANDS, type CommandSpec } from "./commands.js";

/** Help wrapped to `width` when known: flag and command descriptions hang under their column. */
export function renderMainHelp(version: string, width?: number): string {
  const columns = width;
  const nameWidth = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = [
    `kms-rotation ${version}: rotation policy as code for Alibaba Cloud KMS`,
    "",
    "Usage: kms-rotation <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.flatMap((c) => wrapLine(c.summary, columns, `  ${c.name.padEnd(nameWidth)}  `)),
    "",
    "Run `kms-rotation <command> --help` for a command's options.",
    "",
    "Options:",
    "  -h, --help     show this help",
    "  -v, --version  print the version (also `kms-rotation version`)",
    "  --no-color     no colour in any output, for every command (as NO_COLOR=1 does)",
    "",
    "Credentials come from the Alibaba Cloud credential chain: ALIBABA_CLOUD_ACCESS_KEY_ID /",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN), profile file, RAM role, OIDC.",
    "",
    "Exit codes: 0 success (in sync / no changes / compliant), 1 error, 2 changes pending (plan --detailed-exitcode), drift found (drift) or a key breaking the policy (audit), 130 interrupted (SIGINT/SIGTERM).",
    "",
  ];
  return wrapBlock(lines.join("\n"), columns);
}

export function renderCommandHelp(command: CommandSpec, width?: number): string {
  const flags = Object.entries(command.options).map(([name, spec]) => {
    const arg = spec.arg ? ` ${spec.arg}` : "";
    return [`--${name}${arg}`, spec.help] as const;
  });
  flags.push(["--no-color", "no colour in the output (as NO_COLOR=1 does)"], ["--help", "show this help"]);
  const flagWidth = Math.max(...flags.map(([f]) => f.length));
  return [
    ...wrapLine(`kms-rotation ${command.usage}`, width, "Usage: ", 9),
    "",
    // Written with breaks for an unknown width; re-flowed as one paragraph when the width is known.
    ...(width === undefined
      ? [command.description]
      : wrapLine(command.description.replaceAll("\n", " "), width)),
    "",
    "Options:",
    ...flags.flatMap(([f, h]) => wrapLine(h, width, `  ${f.padEnd(flagWidth)}  `)),
    "",
  ].join("\n");
}
