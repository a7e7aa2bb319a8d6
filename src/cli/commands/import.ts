// `kms-rotation import`: list every key in the regions given and write a config declaring each as it is.

import { importRegion } from "../../app/import-region.js";
import { isRegionId } from "../../model/index.js";
import { renderImportedConfig } from "../../render/config-yaml.js";
import { formatFlag, type ParsedArgs, stringFlag, writeOutput } from "../args.js";
import type { Io } from "../io.js";
import { importedConfigNotes } from "../next-steps.js";
import { exit, failure, type Outcome } from "../outcome.js";
import { runOptions } from "../session.js";
import { UsageError } from "../usage-error.js";

export async function run(args: ParsedArgs, io: Io): Promise<Outcome> {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  formatFlag(args, ["yaml"] as const);
  const options = runOptions(args, io);
  const { imported, diagnostics } = await importRegion(regionFlags(args), options);
  if (!imported) return exit(diagnostics.some((d) => d.severity === "error") ? 1 : 0, diagnostics);
  const text = renderImportedConfig(imported.decisions, { regions: imported.regions, now: imported.now });
  const out = stringFlag(args, "out");
  if (out === undefined) {
    io.stdout.write(text);
    return exit(0);
  }
  const problem = await writeOutput(out, text, io.cwd);
  if (problem) return failure("write", problem);
  return exit(0, importedConfigNotes(out, imported.decisions.declared.length, stringFlag(args, "endpoint")));
}

function regionFlags(args: ParsedArgs): string[] {
  const raw = args.values.region;
  const regions = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((r) =>
    String(r).split(","),
  );
  if (regions.length === 0) throw new UsageError("missing --region <id> (for example --region cn-hangzhou)");
  for (const r of regions)
    if (!isRegionId(r)) throw new UsageError(`--region "${r}" is not a region id such as cn-hangzhou`);
  return [...new Set(regions)];
}
