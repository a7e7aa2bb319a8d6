// `kms-rotation validate`: check a config file without calling KMS. Imports only validateConfig (the
// config stage and the model), so it starts fast and never loads the SDK.

import { validateConfig } from "../../app/validate-config.js";
import { problemDiagnostic } from "../../model/diagnostic.js";
import { renderGithubErrors, renderGithubWarnings } from "../../render/github-annotations.js";
import { renderConfigSarif } from "../../render/sarif.js";
import { configSummaryText } from "../../words/config-text.js";
import { formatFlag, nowFlag, type ParsedArgs } from "../args.js";
import type { Io } from "../io.js";
import { exit, type Outcome } from "../outcome.js";
import { TOOL } from "../tool.js";
import { UsageError } from "../usage-error.js";

const FORMATS = ["text", "github", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  const file = onlyPositional(args);
  const format = formatOf(args);
  const now = nowFlag(args);
  const { config, problems, warnings } = await validateConfig(file, {
    cwd: io.cwd,
    ...(now === undefined ? {} : { now }),
  });
  const valid = config !== undefined && problems.length === 0;
  // SARIF is the whole of stdout, problems or not; people still read them on stderr.
  if (format === "sarif") {
    io.stdout.write(renderConfigSarif(problems, warnings, { tool: TOOL, root: io.cwd, configFile: file }));
    if (!valid)
      return exit(
        1,
        problems.map((p) => problemDiagnostic(p)),
      );
    return exit(0, [
      ...warnings,
      { severity: "note", code: "validate", message: `ok: ${configSummaryText(config)}` },
    ]);
  }
  // GitHub annotations are this command's output (stdout), read by the runner, not diagnostics.
  if (valid) {
    io.stdout.write(`ok: ${configSummaryText(config)}\n`);
    if (format !== "github") return exit(0, warnings);
    io.stdout.write(renderGithubWarnings(warnings));
    return exit(0);
  }
  if (format === "github") {
    io.stdout.write(renderGithubErrors(problems));
    return exit(1);
  }
  return exit(
    1,
    problems.map((p) => problemDiagnostic(p)),
  );
}

function onlyPositional(args: ParsedArgs): string {
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError("missing the config file to validate");
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}": validate takes one file`);
  return file;
}

/** --format as every command reads it: another command's format, or a typo with its near miss, said so. */
function formatOf(args: ParsedArgs): Format {
  return formatFlag(args, FORMATS);
}
