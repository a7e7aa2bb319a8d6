// Help text, generated from the command table so it cannot disagree with what is parsed.

import { COMMANDS, type CommandSpec } from "./commands.js";

export function renderMainHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = [
    `kms-rotation ${version}: rotation policy as code for Alibaba Cloud KMS`,
    "",
    "Usage: kms-rotation <command> [options]",
    "",
    "Commands:",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `kms-rotation <command> --help` for a command's options.",
    "",
    "Credentials come from the Alibaba Cloud credential chain: ALIBABA_CLOUD_ACCESS_KEY_ID /",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET (/ ALIBABA_CLOUD_SECURITY_TOKEN), profile file, RAM role, OIDC.",
    "",
    "Exit codes: 0 success (in sync / no changes), 1 error, 2 changes pending (plan --detailed-exitcode) or drift.",
    "",
  ];
  return lines.join("\n");
}

export function renderCommandHelp(command: CommandSpec): string {
  const flags = Object.entries(command.options).map(([name, spec]) => {
    const arg = spec.arg ? ` ${spec.arg}` : "";
    return [`--${name}${arg}`, spec.help] as const;
  });
  flags.push(["--help", "show this help"]);
  const width = Math.max(...flags.map(([f]) => f.length));
  return [
    `Usage: kms-rotation ${command.usage}`,
    "",
    command.description,
    "",
    "Options:",
    ...flags.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`),
    "",
  ].join("\n");
}
